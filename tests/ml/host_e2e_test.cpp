// End to end through the real container host (src/host, make_host): the demo container
// from examples/ml-digits with its metadata, the `ml` service registered; the host's
// dispatcher enforces the grant. Without the grant (ml-digits-denied.json) the endpoint
// is refused with abi::kDenied, the denial is counted in the container's statistics and
// the service never sees a call.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "host/host.hpp"
#include "ml/ml_service.hpp"

namespace tc::ml {
namespace {

using namespace std::chrono_literals;

std::vector<std::uint8_t> read(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  EXPECT_TRUE(in) << p;
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct Finished {
  host::ContainerStatus status;
  std::string out;
};

class MlHost : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(TC_ML_DIGITS_WASM)) GTEST_SKIP() << "clang/wasi-libc missing: demo not built";
    auto ml = std::make_unique<MlService>();
    svc_ = ml.get();
    host::HostConfig cfg;
    cfg.services.push_back(std::move(ml));
    auto h = host::make_host(std::move(cfg));
    ASSERT_TRUE(h) << h.error().describe();
    host_ = std::move(*h);
  }
  Finished run(const std::string& metadata) {
    Finished r;
    auto uid = host_->load({read(TC_ML_DIGITS_DIR "/" + metadata), read(TC_ML_DIGITS_WASM), {}});
    EXPECT_TRUE(uid) << uid.error().describe();
    if (!uid) return r;
    auto s = host_->start(*uid);
    EXPECT_TRUE(s) << s.error().describe();
    auto st = host_->wait(*uid, 60s);
    EXPECT_TRUE(st) << st.error().describe();
    if (st) r.status = *st;
    if (auto o = host_->output(*uid)) r.out = o->out.data;
    return r;
  }
  MlService* svc_ = nullptr;
  std::unique_ptr<host::HostControl> host_;
};

TEST_F(MlHost, DemoContainerClassifiesThroughTheMlEndpoint) {
  const auto r = run("ml-digits.json");
  std::printf("%s", r.out.c_str());  // the demo's report, timing line included
  EXPECT_EQ(r.status.state, host::State::finished) << r.status.last_error << "\n" << r.out;
  EXPECT_EQ(r.status.exit_code.value_or(-1), 0) << r.out;
  EXPECT_NE(r.out.find("identical to scikit-learn on 450/450"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ml-digits: PASS"), std::string::npos) << r.out;
  EXPECT_EQ(r.status.stats.denials, 0u);
  EXPECT_GE(r.status.stats.endpoint_calls, 1351u);  // open + 3 calls per image
  EXPECT_EQ(svc_->stats().inferences, 1350u);  // float + int8 per image, + the timing pass
  EXPECT_EQ(svc_->stats().compiles, 2u);
}

TEST_F(MlHost, WithoutTheMlGrantTheCallIsDeniedAndCounted) {
  const auto r = run("ml-digits-denied.json");
  EXPECT_EQ(r.status.exit_code.value_or(-1), 3) << r.status.last_error << "\n" << r.out;
  EXPECT_NE(r.out.find("refused (code -1)"), std::string::npos) << r.out;
  EXPECT_EQ(r.status.stats.denials, 1u);
  EXPECT_EQ(svc_->stats().inferences + svc_->stats().rejected, 0u);
}

}  // namespace
}  // namespace tc::ml
