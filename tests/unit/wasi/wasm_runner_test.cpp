// End-to-end tests: real C programs compiled with clang to wasm32-wasi, run through
// tc::run_wasm (engine + WASI), checked through the tc::Outcome they produce.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "runtime/wasm_runner.hpp"
#include "wasi_fixture.hpp"

namespace tc::test {
namespace {

namespace fs = std::filesystem;

class WasmRunner : public ::testing::Test {
 protected:
  static WasmRunRequest request(const std::string& program, std::vector<std::string> args = {}) {
    WasmRunRequest r;
    r.module_path = std::string(TC_WASI_PROGRAMS_DIR) + "/" + program + ".wasm";
    r.args = std::move(args);
    r.fuel = 5'000'000'000ull;  // no test program needs more; a hang ends as time_limit
    return r;
  }
  void SetUp() override {
    if (!fs::exists(std::string(TC_WASI_PROGRAMS_DIR) + "/hello.wasm")) {
      GTEST_SKIP() << "wasm32-wasi test programs not built (clang + wasi-libc missing)";
    }
  }
};

TEST_F(WasmRunner, HelloWorld) {
  const Outcome o = run_wasm(request("hello"));
  EXPECT_EQ(o.status, Status::ok) << o.reason;
  EXPECT_EQ(o.exit_code, 0);
  EXPECT_EQ(o.stdout_stream.data, "hello, wasi\n");
  EXPECT_EQ(o.stderr_stream.data, "to stderr\n");
  EXPECT_FALSE(o.stdout_stream.truncated);
  ASSERT_TRUE(o.usage.fuel_used.has_value());
  ASSERT_TRUE(o.usage.peak_memory_bytes.has_value());
  EXPECT_GE(*o.usage.peak_memory_bytes, 65536u);
  EXPECT_GT(o.usage.wall_seconds, 0.0);
}

TEST_F(WasmRunner, ArgsAndEnvironment) {
  WasmRunRequest r = request("echo_args", {"one", "two words"});
  r.env = {"GREETING=bonjour", "OTHER=x"};
  const Outcome o = run_wasm(r);
  EXPECT_EQ(o.status, Status::ok) << o.reason;
  EXPECT_EQ(o.stdout_stream.data, "argc=3\narg1=one\narg2=two words\nGREETING=bonjour\n");
}

TEST_F(WasmRunner, ExitCodes) {
  Outcome o = run_wasm(request("exit_code", {"0"}));
  EXPECT_EQ(o.status, Status::ok);
  o = run_wasm(request("exit_code", {"7"}));
  EXPECT_EQ(o.status, Status::runtime_error);
  EXPECT_EQ(o.exit_code, 7);
  EXPECT_EQ(cli_exit_code(o), 7);
}

TEST_F(WasmRunner, StdinIsRead) {
  WasmRunRequest r = request("cat_stdin");
  r.stdin_data = "abc\nxyz\n";
  const Outcome o = run_wasm(r);
  EXPECT_EQ(o.status, Status::ok) << o.reason;
  EXPECT_EQ(o.stdout_stream.data, "ABC\nXYZ\n");
}

TEST_F(WasmRunner, PreopenedFileReadAndEscapeDenied) {
  wasi::test::TempDir dir;
  dir.write("in.txt", "file content\n");
  WasmRunRequest r = request("read_file", {"/data/in.txt", "/data/../../etc/passwd", "/etc/passwd",
                                           "/data/missing"});
  r.preopens.push_back({dir.path().string(), "/data", true});
  const Outcome o = run_wasm(r);
  EXPECT_EQ(o.status, Status::ok) << o.reason;
  const std::string& out = o.stdout_stream.data;
  EXPECT_NE(out.find("file content\n"), std::string::npos) << out;
  EXPECT_EQ(out.find("root:"), std::string::npos) << out;
  EXPECT_NE(out.find("open /data/../../etc/passwd: "), std::string::npos) << out;
  EXPECT_NE(out.find("open /etc/passwd: "), std::string::npos) << out;
  EXPECT_NE(out.find("open /data/missing: No such file or directory"), std::string::npos) << out;
}

TEST_F(WasmRunner, ReaddirOfPreopen) {
  wasi::test::TempDir dir;
  dir.write("a.txt", "a");
  dir.write("b/c.txt", "c");
  WasmRunRequest r = request("list_dir", {"/data"});
  r.preopens.push_back({dir.path().string(), "/data", false});
  const Outcome o = run_wasm(r);
  EXPECT_EQ(o.status, Status::ok) << o.reason << o.stderr_stream.data;
  std::vector<std::string> names;
  std::istringstream in(o.stdout_stream.data);
  for (std::string line; std::getline(in, line);) names.push_back(line);
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{".", "..", "a.txt", "b"}));
}

TEST_F(WasmRunner, TrapIsRuntimeError) {
  const Outcome o = run_wasm(request("trap"));
  EXPECT_EQ(o.status, Status::runtime_error);
  EXPECT_EQ(o.reason, "unreachable");
  EXPECT_FALSE(o.exit_code.has_value());
}

TEST_F(WasmRunner, FuelExhaustionIsTimeLimit) {
  WasmRunRequest r = request("spin");
  r.fuel = 2'000'000;
  const Outcome o = run_wasm(r);
  EXPECT_EQ(o.status, Status::time_limit);
  EXPECT_EQ(o.reason, "fuel");
  ASSERT_TRUE(o.usage.fuel_used.has_value());
  EXPECT_GE(*o.usage.fuel_used, 2'000'000u);
}

TEST_F(WasmRunner, WallTimeIsTimeLimit) {
  WasmRunRequest r = request("spin");
  r.fuel.reset();
  r.wall_time_seconds = 0.2;
  r.fuel_slice = 1'000'000;
  const Outcome o = run_wasm(r);
  EXPECT_EQ(o.status, Status::time_limit);
  EXPECT_EQ(o.reason, "wall");
  EXPECT_GE(o.usage.wall_seconds, 0.2);
  EXPECT_LT(o.usage.wall_seconds, 5.0);
}

TEST_F(WasmRunner, MemoryLimit) {
  WasmRunRequest r = request("alloc");
  r.max_memory_bytes = 8u << 20;
  const Outcome o = run_wasm(r);
  EXPECT_EQ(o.status, Status::memory_limit) << o.reason;
  ASSERT_TRUE(o.usage.peak_memory_bytes.has_value());
  EXPECT_LE(*o.usage.peak_memory_bytes, 8u << 20);
  EXPECT_NE(o.stderr_stream.data.find("malloc failed after"), std::string::npos);
}

TEST_F(WasmRunner, OutputLimit) {
  WasmRunRequest r = request("flood");
  r.output_limit_bytes = 4096;
  const Outcome o = run_wasm(r);
  EXPECT_EQ(o.status, Status::output_limit) << o.reason;
  EXPECT_TRUE(o.stdout_stream.truncated);
  EXPECT_EQ(o.stdout_stream.data.size(), 4096u);
  EXPECT_GT(o.stdout_stream.total_bytes, 4096u);
}

TEST_F(WasmRunner, SetupErrors) {
  WasmRunRequest r = request("hello");
  r.module_path = "/nonexistent/x.wasm";
  EXPECT_EQ(run_wasm(r).status, Status::setup_error);
  r.module_path.clear();
  r.module_bytes = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05};
  const Outcome o = run_wasm(r);
  EXPECT_EQ(o.status, Status::setup_error);
  EXPECT_NE(o.reason.find("decode"), std::string::npos) << o.reason;
  r = request("hello");
  r.preopens.push_back({"/nonexistent/dir", "/d", false});
  EXPECT_EQ(run_wasm(r).status, Status::setup_error);
}

TEST(WasmRunnerArgs, DirMapping) {
  auto p = parse_dir_mapping("/srv/data:/data:ro");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->host_path, "/srv/data");
  EXPECT_EQ(p->guest_path, "/data");
  EXPECT_TRUE(p->read_only);
  p = parse_dir_mapping("/tmp");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->guest_path, "/tmp");
  EXPECT_FALSE(p->read_only);
  EXPECT_FALSE(parse_dir_mapping(":/x").has_value());
}

}  // namespace
}  // namespace tc::test
