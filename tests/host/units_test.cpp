// Small pieces of the host in isolation: output capture, service routing, the runtime
// registry, the linux code encoding.
#include <gtest/gtest.h>

#include "host/linux_runtime.hpp"
#include "host/output_buffer.hpp"
#include "host/runtime_registry.hpp"
#include "host/service_router.hpp"
#include "host/wasm_runtime.hpp"

namespace tc::host {
namespace {

std::span<const std::uint8_t> s(const std::string& x) {
  return {reinterpret_cast<const std::uint8_t*>(x.data()), x.size()};
}

TEST(OutputBuffer, KeepsTheTailAndCountsEverything) {
  OutputBuffer b(8);
  b.write(1, s("hello "));
  b.write(1, s("world"));
  b.write(2, s("e"));
  auto o = b.snapshot();
  EXPECT_EQ(o.out.data, "lo world");
  EXPECT_EQ(o.out.total, 11u);
  EXPECT_EQ(o.out.dropped, 3u);
  EXPECT_EQ(o.err.data, "e");
  b.write(1, s("0123456789"));
  o = b.snapshot();
  EXPECT_EQ(o.out.data, "23456789");
  EXPECT_EQ(o.out.total, 21u);
  EXPECT_EQ(o.out.dropped, 13u);
  EXPECT_TRUE(b.sink(1).write(s("x")));  // never refuses: a container is not stopped for printing
}

class Named final : public Service {
 public:
  explicit Named(std::string n) : n_(std::move(n)) {}
  std::string_view name() const noexcept override { return n_; }
  OpenResult open(const OpenRequest&) override { return {nullptr, abi::kUnavailable}; }

 private:
  std::string n_;
};

TEST(ServiceRouter, RoutesByPeerType) {
  ServiceRouter r;
  ASSERT_TRUE(r.add(std::make_unique<Named>("kv")));
  ASSERT_TRUE(r.add(std::make_unique<Named>("mailbox")));
  EXPECT_FALSE(r.add(std::make_unique<Named>("kv")));
  EXPECT_FALSE(r.add(std::make_unique<Named>("")));
  metadata::GrantView g;
  g.peer = "kv";
  EXPECT_EQ(r.route(g)->name(), "kv");
  g.peer = "kv.other";
  EXPECT_EQ(r.route(g), nullptr);
  g.peer_type = metadata::PeerType::container;
  g.peer = "consumer";
  EXPECT_EQ(r.route(g)->name(), "mailbox");
  g.peer_type = metadata::PeerType::remote;
  EXPECT_EQ(r.route(g), nullptr);
}

TEST(RuntimeRegistry, KeyedByTypeId) {
  RuntimeRegistry r = default_runtimes();
  EXPECT_EQ(r.find("wasm")->type_id(), "wasm");
  EXPECT_EQ(r.find("linux")->type_id(), "linux");
  EXPECT_EQ(r.find("jvm"), nullptr);
  EXPECT_EQ(r.types().joined(), "linux|wasm");
  EXPECT_FALSE(r.add(std::make_unique<WasmRuntime>()));  // duplicate id
}

TEST(LinuxRuntime, CodeIsAJsonArgv) {
  auto a = parse_command(s(R"(["/bin/echo", "hi there"])"));
  ASSERT_TRUE(a);
  EXPECT_EQ(*a, (std::vector<std::string>{"/bin/echo", "hi there"}));
  EXPECT_FALSE(parse_command(s("/bin/echo hi")));
  EXPECT_FALSE(parse_command(s("[]")));
  EXPECT_FALSE(parse_command(s("[1]")));
  EXPECT_FALSE(parse_command(s(R"([""])")));
  EXPECT_FALSE(parse_command(s(R"({"argv": ["x"]})")));
}

}  // namespace
}  // namespace tc::host
