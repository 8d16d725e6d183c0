// Integration: exit status, signals, limits, I/O, workspace, rootfs and argument errors of
// `tinycontainer run`.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "cli_runner.hpp"
#include "proc_scan.hpp"

namespace {

namespace fs = std::filesystem;
using tc::test::run_cli;
using tc::test::run_sh;

class Run : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0)
      GTEST_SKIP() << "needs root: the default sandbox user 1000 needs a full id map";
    dir_ = tc::test::scratch_dir();
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  fs::path dir_;
};

TEST_F(Run, ExitCodeIsPropagated) {
  auto r = run_sh("exit 3");
  EXPECT_EQ(r.exit_code, 3);
  auto j = r.json();
  EXPECT_EQ(j["status"], "runtime_error");
  EXPECT_EQ(j["exit_code"], 3);
  EXPECT_TRUE(j["signal"].is_null());
}

TEST_F(Run, SignalIsPropagated) {
  auto r = run_sh("kill -SEGV $$");
  EXPECT_EQ(r.exit_code, 128 + SIGSEGV);
  auto j = r.json();
  EXPECT_EQ(j["status"], "signaled");
  EXPECT_EQ(j["signal"], "SIGSEGV");
  EXPECT_TRUE(j["exit_code"].is_null());
  EXPECT_EQ(run_sh("exec python3 -c 'import os; os.abort()'").json()["signal"], "SIGABRT");
}

TEST_F(Run, WallTimeLimitKillsTheSandbox) {
  auto start = std::chrono::steady_clock::now();
  auto r = run_sh("sleep 30", {"--wall-time", "300ms"});
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.exit_code, 124);
  auto j = r.json();
  EXPECT_EQ(j["status"], "time_limit");
  EXPECT_EQ(j["reason"], "wall");
  EXPECT_GE(j["usage"]["wall_seconds"].get<double>(), 0.3);
  EXPECT_LT(elapsed, std::chrono::seconds(5));
}

TEST_F(Run, OutputLimitTruncatesAndEndsTheRun) {
  auto r = run_sh("head -c 100000 /dev/zero | tr '\\0' x; echo small >&2; sleep 30",
                  {"--output-limit", "1000"});
  EXPECT_EQ(r.exit_code, 123);
  auto j = r.json();
  EXPECT_EQ(j["status"], "output_limit");
  EXPECT_EQ(j["stdout"]["truncated"], true);
  EXPECT_EQ(j["stdout"]["data"].get<std::string>(), std::string(1000, 'x'));
  EXPECT_GT(j["stdout"]["bytes"].get<std::uint64_t>(), 1000u);
  EXPECT_EQ(j["stderr"]["truncated"], false);
}

TEST_F(Run, OutputUnderTheLimitIsComplete) {
  auto j = run_sh("head -c 5000 /dev/zero | tr '\\0' y", {"--output-limit", "5000"}).json();
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["stdout"]["data"].get<std::string>().size(), 5000u);
  EXPECT_EQ(j["stdout"]["truncated"], false);
}

TEST_F(Run, FileSizeLimitIsOutputLimit) {
  auto j = run_sh("exec head -c 100000 /dev/zero > big", {"--fsize", "4KiB"}).json();
  EXPECT_EQ(j["status"], "output_limit");
  EXPECT_EQ(j["reason"], "fsize");
  EXPECT_EQ(j["signal"], "SIGXFSZ");
}

TEST_F(Run, NofileLimitApplies) {
  EXPECT_EQ(run_sh("ulimit -n", {"--nofile", "64"}).json()["stdout"]["data"], "64\n");
}

TEST_F(Run, StdinFromStringFileOrNothing) {
  EXPECT_EQ(run_sh("cat", {"--stdin-string", "hello"}).json()["stdout"]["data"], "hello");
  std::string big(120000, 'b');  // larger than a pipe buffer, below MAX_ARG_STRLEN
  auto j = run_sh("wc -c", {"--stdin-string", big}).json();
  EXPECT_EQ(j["stdout"]["data"], "120000\n");
  std::ofstream(dir_ / "in") << "from file\n";
  EXPECT_EQ(run_sh("cat", {"--stdin", (dir_ / "in").string()}).json()["stdout"]["data"],
            "from file\n");
  EXPECT_EQ(run_sh("cat; echo eof").json()["stdout"]["data"], "eof\n");
}

TEST_F(Run, JsonSurvivesBinaryOutput) {
  auto r = run_sh("printf '\\377ok'; printf '\\0nul' >&2");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = r.json();
  EXPECT_EQ(j["stdout"]["data"], "\xEF\xBF\xBDok");  // U+FFFD for the invalid byte
  EXPECT_EQ(j["stdout"]["bytes"], 3);
  EXPECT_EQ(j["stderr"]["data"].get<std::string>(), std::string("\0nul", 4));
}

TEST_F(Run, StreamModePassesOutputThrough) {
  auto r = run_cli({"run", "--stream", "-q", "--", "/bin/sh", "-c", "echo out; echo err >&2"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "out\n");
  EXPECT_EQ(r.err, "err\n");
}

TEST_F(Run, CopyInAndKeepWorkspace) {
  fs::create_directories(dir_ / "src/sub");
  std::ofstream(dir_ / "src/sub/a.txt") << "A";
  std::ofstream(dir_ / "one.txt") << "1";
  fs::create_symlink("/etc/passwd", dir_ / "src/link");
  auto keep = dir_ / "kept";
  auto j = run_sh("cat data/sub/a.txt one.txt; readlink data/link; echo new > result",
                  {"--copy-in", (dir_ / "src").string() + ":data", "--copy-in",
                   (dir_ / "one.txt").string(), "--keep-workspace", keep.string()})
               .json();
  EXPECT_EQ(j["status"], "ok") << j.dump();
  EXPECT_EQ(j["stdout"]["data"], "A1/etc/passwd\n");
  EXPECT_EQ(tc::test::slurp(keep / "result"), "new\n");
  EXPECT_TRUE(fs::is_symlink(keep / "data/link"));
  struct stat st {};
  ASSERT_EQ(::lstat((keep / "result").c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, ::getuid());
}

TEST_F(Run, CopyInRejectsEscapes) {
  std::ofstream(dir_ / "f") << "x";
  for (std::string dst : {"../x", "a/../../x", "/etc/x", "/workspace/../x", "."}) {
    auto r = run_cli({"run", "--copy-in", (dir_ / "f").string() + ":" + dst, "--", "/bin/true"});
    EXPECT_EQ(r.exit_code, 2) << dst;
    EXPECT_NE(r.err.find("copy-in"), std::string::npos) << r.err;
  }
  // A symlink planted by an earlier copy must not be followed by a later one.
  fs::create_directories(dir_ / "evil");
  fs::create_symlink(dir_ / "target", dir_ / "evil/dir");
  fs::create_directories(dir_ / "target");
  auto r = run_cli({"run", "--copy-in", (dir_ / "evil").string() + ":e", "--copy-in",
                    (dir_ / "f").string() + ":e/dir/f", "--", "/bin/true"});
  EXPECT_EQ(r.exit_code, 125) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "target/f"));
}

TEST_F(Run, RootfsOverlayLeavesTheDirectoryUntouched) {
  if (!fs::exists("/bin/busybox")) GTEST_SKIP() << "busybox-static not installed";
  auto root = dir_ / "rootfs";
  fs::create_directories(root / "bin");
  fs::copy_file("/bin/busybox", root / "bin/busybox");
  for (const char* c : {"sh", "cat", "ls", "echo", "rm", "mkdir"})
    fs::create_symlink("busybox", root / "bin" / c);
  std::ofstream(root / "data") << "lower";
  auto before = fs::last_write_time(root / "data");
  // As container root (no capabilities): new files go to the upper layer. Files owned by
  // host ids outside the mapping cannot be copied up (docs/SANDBOX.md), so /data stays.
  auto r = run_cli(
      {"run", "--json", "-q", "--user", "0:0", "--rootfs", root.string(), "--", "/bin/sh", "-c",
       "cat /data; echo; echo upper 2>/dev/null > /data; rm /bin/cat 2>/dev/null; echo n > /new; "
       "mkdir /d; cat /new; ls / | tr '\\n' ' '"});
  auto j = r.json();
  EXPECT_EQ(j["status"], "ok") << j.dump();
  EXPECT_EQ(j["stdout"]["data"], "lower\nn\nbin d data dev new proc tmp workspace ");
  EXPECT_EQ(tc::test::slurp(root / "data"), "lower");
  EXPECT_EQ(fs::last_write_time(root / "data"), before);
  EXPECT_TRUE(fs::exists(root / "bin/cat"));
  EXPECT_FALSE(fs::exists(root / "new"));
  EXPECT_FALSE(fs::exists(root / "d"));
  EXPECT_FALSE(fs::exists(root / "proc"));
}

TEST_F(Run, MissingRootfsIsASetupError) {
  auto r = run_cli({"run", "--rootfs", (dir_ / "nope").string(), "--", "/bin/true"});
  EXPECT_EQ(r.exit_code, 125);
  EXPECT_NE(r.err.find("No such file or directory"), std::string::npos) << r.err;
}

TEST_F(Run, MissingCommandIsPreciselyReported) {
  auto r = run_cli({"run", "--json", "-q", "--", "/nope"});
  EXPECT_EQ(r.exit_code, 127);
  auto j = r.json();
  EXPECT_EQ(j["status"], "setup_error");
  EXPECT_EQ(j["reason"], "exec: execve /nope: No such file or directory");
  auto in_path = run_cli({"run", "--json", "-q", "--", "no-such-cmd"});
  EXPECT_EQ(in_path.exit_code, 127);
  EXPECT_EQ(run_cli({"run", "-q", "--", "/etc/passwd"}).exit_code, 126);
}

TEST_F(Run, BadArgumentsExit2WithAMessage) {
  struct Case {
    std::vector<std::string> args;
    std::string needle;
  };
  std::vector<Case> cases{
      {{"run"}, "missing command"},
      {{"run", "--wall-time", "soon", "--", "true"}, "wall-time"},
      {{"run", "--output-limit", "lots", "--", "true"}, "output-limit"},
      {{"run", "--env", "1BAD=x", "--", "true"}, "--env"},
      {{"run", "--env", "NOEQUALS", "--", "true"}, "--env"},
      {{"run", "--user", "abc", "--", "true"}, "--user"},
      {{"run", "--user", "70000", "--", "true"}, "outside the mapped range"},
      {{"run", "--hostname", "bad host", "--", "true"}, "hostname"},
      {{"run", "--uid-base", "0", "--", "true"}, "uid-base"},
      {{"run", "--stdin", "a", "--stdin-string", "b", "--", "true"}, "exclusive"},
      {{"run", "--frobnicate", "--", "true"}, "frobnicate"},
      {{"run", "--nofile", "1", "--", "true"}, "nofile"},
  };
  for (const auto& c : cases) {
    auto r = run_cli(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args.back() << r.err;
    EXPECT_NE(r.err.find(c.needle), std::string::npos) << r.err;
  }
}

TEST_F(Run, RootlessRunsAsMappedCallerWithoutCapabilities) {
  const int nobody = 65534;
  if (::access(TC_BINARY, X_OK) != 0) GTEST_SKIP() << "binary not executable";
  auto rt = dir_ / "rt-nobody";
  fs::create_directories(rt);
  ASSERT_EQ(::chown(rt.c_str(), nobody, nobody), 0);
  ::chmod(rt.c_str(), 0700);
  pid_t pid = tc::test::start_cli(
      {"run", "--json", "-q", "--runtime-dir", rt.string(), "--", "/bin/sh", "-c",
       "id -u; cat /proc/self/uid_map | tr -s ' '; grep CapEff /proc/self/status | "
       "tr -d '\\t'; echo x > /workspace/f && cat /workspace/f"},
      dir_, nobody);
  auto r = tc::test::finish_cli(pid, dir_);
  if (r.exit_code == 126) GTEST_SKIP() << "cannot execute the binary as uid " << nobody;
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  auto j = r.json();
  EXPECT_EQ(j["stdout"]["data"], "0\n 0 65534 1\nCapEff:0000000000000000\nx\n");
  EXPECT_EQ(tc::test::count_run_dirs(rt), 0);
  // Only the caller is mapped: another user inside is refused up front.
  pid = tc::test::start_cli(
      {"run", "--runtime-dir", rt.string(), "--user", "1000", "--", "/bin/true"}, dir_, nobody);
  r = tc::test::finish_cli(pid, dir_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("rootless"), std::string::npos) << r.err;
}

TEST_F(Run, HumanModePrintsOutputAndSummary) {
  auto r = run_cli({"run", "--", "/bin/sh", "-c", "echo hi; echo oops >&2; exit 4"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_EQ(r.out, "hi\n");
  EXPECT_EQ(r.err.rfind("oops\ntinycontainer: runtime_error: exit 4", 0), 0u) << r.err;
}

}  // namespace
