// Integration tests: `tinycontainer exec` and `tinycontainer languages` (the real binary).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "executor/child_process.hpp"

namespace tc::exec {
namespace {

namespace fs = std::filesystem;

struct Cli {
  int code;
  std::string out, err;
};

class ExecCli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root (sandboxes with cgroup limits)";
    std::string tmpl = (fs::temp_directory_path() / "tc-exec-cli-XXXXXX").string();
    dir_ = ::mkdtemp(tmpl.data());
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  fs::path file(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / name) << content;
    return dir_ / name;
  }
  Cli cli(std::vector<std::string> args) {
    args.insert(args.begin(), {TC_BINARY});
    args.insert(args.begin() + 2, {"--languages-dir", TC_LANGUAGES_DIR, "--work-root",
                                   (dir_ / "work").string()});
    CaptureOptions o;
    o.timeout = std::chrono::seconds(60);
    auto r = run_captured(args, o);
    EXPECT_TRUE(r);
    return r ? Cli{r->exit_code(), r->out, r->err} : Cli{-1, "", ""};
  }
  fs::path dir_;
};

TEST_F(ExecCli, LanguagesJsonListsInstalledOnes) {
  auto r = cli({"languages", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_TRUE(j.is_array());
  bool python = false;
  for (const auto& l : j) python |= l["name"] == "python3";
  EXPECT_TRUE(python);
}

TEST_F(ExecCli, HelloTwoCasesAndExitCodes) {
  auto src = file("main.py", "import sys\nprint(sys.stdin.read().strip()[::-1])\n");
  auto in1 = file("in1", "abc\n");
  auto in2 = file("in2", "xyz\n");
  auto r = cli({"exec", "--lang", "py", src.string(), "--stdin", in1.string(), "--stdin",
                in2.string(), "-q"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "cba\nzyx\n");
  r = cli({"exec", "-l", "python3", file("e.py", "raise SystemExit(7)\n").string(), "-q"});
  EXPECT_EQ(r.code, 7);
  r = cli({"exec", "-l", "c", file("bad.c", "int main(void){return nope;}\n").string(), "-q"});
  EXPECT_EQ(r.code, 119);
  EXPECT_NE(r.err.find("nope"), std::string::npos);
}

TEST_F(ExecCli, JsonResultAndUsageErrors) {
  auto r = cli({"exec", "--lang", "bash", file("m.sh", "echo $1\n").string(), "--arg", "hi",
                "--json", "-q"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["language"], "bash");
  EXPECT_TRUE(j["compile"].is_null());
  EXPECT_EQ(j["runs"][0]["stdout"]["data"], "hi\n");
  r = cli({"exec", "--lang", "cobol", file("m.cob", "").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("unknown or not installed language 'cobol'"), std::string::npos);
  r = cli({"exec", "--lang", "bash", (dir_ / "missing.sh").string()});
  EXPECT_EQ(r.code, 2);
  r = cli({"exec", "--lang", "bash", file("m2.sh", "").string(), "--memory", "lots"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--memory"), std::string::npos);
}

}  // namespace
}  // namespace tc::exec
