// `tinycontainer run` on WebAssembly modules: auto-detection by the "\0asm" magic,
// `--runtime wasm`, the shared outcome type and --json, argument passing in both command
// forms, wasm-only / linux-only flag checks, fuel, wall time, memory, output limit and
// preopened directories. The modules are tests/unit/wasi/programs/*.c built by clang.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli_runner.hpp"

namespace {

using tc::test::run_cli;

std::string program(const char* name) {
  return std::string(TC_WASI_PROGRAMS_DIR) + "/" + name + ".wasm";
}

class WasmCli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(program("hello")))
      GTEST_SKIP() << "wasm test programs not built (clang + wasi-libc missing)";
  }
};

TEST_F(WasmCli, AutoDetectsModuleAndReportsJson) {
  auto r = run_cli({"run", "--json", "-q", program("hello")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = r.json();
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["exit_code"], 0);
  EXPECT_NE(j["stdout"]["data"].get<std::string>().find("hello"), std::string::npos);
  EXPECT_TRUE(j["usage"].contains("fuel_used"));
}

TEST_F(WasmCli, ArgumentsAfterDoubleDashAndEnvironment) {
  for (const auto& args :
       {std::vector<std::string>{"run", "-q", "-e", "GREETING=hi", program("echo_args"), "--",
                                 "one", "--two"},
        std::vector<std::string>{"run", "-q", "-e", "GREETING=hi", "--", program("echo_args"),
                                 "one", "--two"}}) {
    auto r = run_cli(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("argc=3\narg1=one\narg2=--two\nGREETING=hi\n"), std::string::npos)
        << r.out;
  }
}

TEST_F(WasmCli, ExitCodeTrapFuelAndWallTime) {
  auto code = run_cli({"run", "--json", "-q", program("exit_code"), "--", "7"});
  EXPECT_EQ(code.exit_code, 7);
  EXPECT_EQ(code.json()["status"], "runtime_error");

  auto trap = run_cli({"run", "--json", "-q", program("trap")});
  EXPECT_EQ(trap.exit_code, 1);
  EXPECT_EQ(trap.json()["status"], "runtime_error");
  EXPECT_FALSE(trap.json()["reason"].get<std::string>().empty());

  auto fuel = run_cli({"run", "--json", "-q", "--fuel", "100000", program("spin")});
  EXPECT_EQ(fuel.exit_code, 124);
  EXPECT_EQ(fuel.json()["status"], "time_limit");
  EXPECT_EQ(fuel.json()["reason"], "fuel");

  auto wall = run_cli({"run", "--json", "-q", "--wall-time", "300ms", program("spin")});
  EXPECT_EQ(wall.exit_code, 124);
  EXPECT_EQ(wall.json()["status"], "time_limit");
  EXPECT_EQ(wall.json()["reason"], "wall");
}

TEST_F(WasmCli, MemoryAndOutputLimits) {
  auto mem = run_cli({"run", "--json", "-q", "--memory", "8MiB", program("alloc")});
  EXPECT_EQ(mem.exit_code, 122) << mem.err;
  EXPECT_EQ(mem.json()["status"], "memory_limit");
  EXPECT_LE(mem.json()["usage"]["peak_memory_bytes"].get<std::uint64_t>(), 8U << 20);

  auto flood = run_cli({"run", "--json", "-q", "--output-limit", "4KiB", program("flood")});
  EXPECT_EQ(flood.exit_code, 123);
  EXPECT_EQ(flood.json()["status"], "output_limit");
  EXPECT_TRUE(flood.json()["stdout"]["truncated"].get<bool>());
  EXPECT_EQ(flood.json()["stdout"]["data"].get<std::string>().size(), 4096U);
}

TEST_F(WasmCli, PreopenedDirectoryOnlyAndNoEscape) {
  auto dir = tc::test::scratch_dir();
  std::ofstream(dir / "note.txt") << "inside the preopen\n";
  auto r = run_cli({"run", "-q", "--dir", dir.string() + ":/data", program("read_file"), "--",
                    "/data/note.txt", "/data/../../etc/passwd", "/etc/passwd"});
  std::filesystem::remove_all(dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("inside the preopen"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("root:"), std::string::npos) << "host /etc/passwd leaked: " << r.out;
  EXPECT_NE(r.out.find("open /etc/passwd:"), std::string::npos) << r.out;
}

TEST_F(WasmCli, FlagsOfTheOtherRuntimeAreRefused) {
  auto linux_flag = run_cli({"run", "--rootfs", "/", program("hello")});
  EXPECT_EQ(linux_flag.exit_code, 2);
  EXPECT_NE(linux_flag.err.find("--rootfs applies to Linux sandbox runs only"), std::string::npos);
  auto wasm_flag = run_cli({"run", "--fuel", "10", "--", "/bin/true"});
  EXPECT_EQ(wasm_flag.exit_code, 2);
  EXPECT_NE(wasm_flag.err.find("--fuel applies to WebAssembly runs only"), std::string::npos);
  auto bad_fuel = run_cli({"run", "--fuel", "lots", program("hello")});
  EXPECT_EQ(bad_fuel.exit_code, 2);
  EXPECT_NE(bad_fuel.err.find("--fuel: 'lots'"), std::string::npos);
}

TEST_F(WasmCli, ForcedWasmRuntimeOnANonModuleIsASetupError) {
  auto r = run_cli({"run", "--json", "-q", "--runtime", "wasm", "--", "/bin/true"});
  EXPECT_EQ(r.exit_code, 125);
  EXPECT_EQ(r.json()["status"], "setup_error");
  EXPECT_NE(r.json()["reason"].get<std::string>().find("decode"), std::string::npos);
}

}  // namespace
