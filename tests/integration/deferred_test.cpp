// Integration: `tinycontainer run --command-fd N` — a sandbox built before its command
// (warm pools; executor/command_doc.hpp). The command runs exactly like an up-front one,
// the clock starts with the command, a cancelled or refused sandbox runs nothing, and
// nothing survives any of these paths.
#include <gtest/gtest.h>
#include <sched.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "cli_runner.hpp"
#include "proc_scan.hpp"

namespace {

namespace fs = std::filesystem;
using namespace tc::test;
using nlohmann::json;

class Deferred : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root (full id map, run cgroup)";
    dir_ = scratch_dir();
    base_ = private_uid_base();
  }
  void TearDown() override {
    if (dir_.empty()) return;
    EXPECT_EQ(count_run_dirs(dir_ / "rt"), 0) << "a run directory survived";
    EXPECT_EQ(count_processes_in_uid_range(base_), 0) << "a sandbox process survived";
    fs::remove_all(dir_);
  }

  // Starts `tinycontainer run --json -q --command-fd 3 ... EXTRA` with our socket end kept.
  void start(std::vector<std::string> extra = {}) {
    int sp[2];
    ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp), 0);
    sock_ = sp[0];
    io_ = dir_ / "io";
    fs::create_directories(io_);
    pid_ = ::fork();
    ASSERT_GE(pid_, 0);
    if (pid_ == 0) {
      ::dup2(sp[1], 3);  // dup2 to a new number clears close-on-exec
      std::vector<std::string> args{"run",
                                    "--json",
                                    "-q",
                                    "--command-fd",
                                    "3",
                                    "--runtime-dir",
                                    (dir_ / "rt").string(),
                                    "--uid-base",
                                    std::to_string(base_)};
      args.insert(args.end(), extra.begin(), extra.end());
      int out = ::open((io_ / "out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      int err = ::open((io_ / "err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      ::dup2(out, 1);
      ::dup2(err, 2);
      std::vector<char*> argv{const_cast<char*>(TC_BINARY)};
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      ::execv(TC_BINARY, argv.data());
      ::_exit(126);
    }
    ::close(sp[1]);
  }

  std::string wait_ready() {
    std::string got;
    char c = 0;
    while (got.size() < 16 && ::read(sock_, &c, 1) == 1) {
      got.push_back(c);
      if (c == '\n') break;
    }
    return got;
  }

  void send(const std::string& doc) {
    ASSERT_EQ(::write(sock_, doc.data(), doc.size()), static_cast<ssize_t>(doc.size()));
    ::shutdown(sock_, SHUT_WR);
  }

  CliResult finish() {
    CliResult r = finish_cli(pid_, io_);
    ::close(sock_);
    return r;
  }

  CliResult run_doc(const json& doc, std::vector<std::string> extra = {}) {
    start(std::move(extra));
    EXPECT_EQ(wait_ready(), "ready\n");
    send(doc.dump());
    return finish();
  }

  fs::path dir_, io_;
  std::uint32_t base_ = 0;
  int sock_ = -1;
  pid_t pid_ = -1;
};

TEST_F(Deferred, RunsTheCommandWithItsEnvStdinAndFiles) {
  std::ofstream(dir_ / "input.txt") << "from a file\n";
  json doc{{"args", {"/bin/sh", "-c", "echo \"$GREETING\"; cat; cat data.txt; id -u; pwd"}},
           {"env", {"GREETING=hello"}},
           {"stdin", "typed stdin\n"},
           {"copy_in", {(dir_ / "input.txt").string() + ":data.txt"}}};
  auto r = run_doc(doc);
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  auto j = r.json();
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["stdout"]["data"], "hello\ntyped stdin\nfrom a file\n1000\n/workspace\n");
}

TEST_F(Deferred, TheWorkloadHoldsNoDescriptorButItsStdio) {
  // fd 3 of the CLI is the command socket: init and the workload must not inherit it.
  auto r = run_doc({{"args", {"/bin/sh", "-c", "ls /proc/self/fd; cat /proc/self/status | grep -c NoNewPrivs:.1"}}});
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  EXPECT_EQ(r.json()["stdout"]["data"], "0\n1\n2\n3\n1\n") << "3 is ls's own directory fd";
}

TEST_F(Deferred, IdleUntilCommandBuildsAtSchedIdleAndRunsAtSchedOther) {
  start({"--idle-until-command"});
  ASSERT_EQ(wait_ready(), "ready\n");
  // While waiting, the supervisor (our child) is SCHED_IDLE.
  EXPECT_EQ(::sched_getscheduler(pid_), SCHED_IDLE);
  send(json{{"args", {"/bin/sh", "-c", "chrt -p $$; cat /proc/1/sched | grep -m1 policy"}}}.dump());
  auto r = finish();
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  const std::string out = r.json()["stdout"]["data"];
  EXPECT_NE(out.find("policy: SCHED_OTHER"), std::string::npos) << out;
  EXPECT_EQ(out.find("SCHED_IDLE"), std::string::npos) << out;
  EXPECT_NE(out.find("policy                                       :                    0"),
            std::string::npos)
      << "init (pid 1) back to SCHED_OTHER: " << out;
}

TEST_F(Deferred, StdinFileAndExitCodeAndKeepWorkspace) {
  std::ofstream(dir_ / "stdin.txt") << "line one\nline two\n";
  const fs::path keep = dir_ / "kept";
  json doc{{"args", {"/bin/sh", "-c", "wc -l > count.txt; exit 7"}},
           {"stdin_file", (dir_ / "stdin.txt").string()},
           {"keep_workspace", keep.string()}};
  auto r = run_doc(doc);
  EXPECT_EQ(r.exit_code, 7) << r.err;
  auto j = r.json();
  EXPECT_EQ(j["status"], "runtime_error");
  EXPECT_EQ(j["exit_code"], 7);
  EXPECT_EQ(slurp(keep / "count.txt"), "2\n");
}

TEST_F(Deferred, WallClockStartsWithTheCommandAndLimitsApply) {
  start({"--wall-time", "300ms"});
  ASSERT_EQ(wait_ready(), "ready\n");
  std::this_thread::sleep_for(std::chrono::milliseconds(600));  // longer than the limit
  send(json{{"args", {"/bin/true"}}}.dump());
  auto r = finish();
  EXPECT_EQ(r.json()["status"], "ok") << r.out;  // idle time before the command is free

  auto slow = run_doc({{"args", {"/bin/sleep", "5"}}, {"wall_time", "200ms"}});
  EXPECT_EQ(slow.json()["status"], "time_limit") << slow.out;
  auto loud =
      run_doc({{"args", {"/bin/sh", "-c", "yes | head -c 100000"}}, {"output_limit", "1KiB"}});
  EXPECT_EQ(loud.json()["status"], "output_limit") << loud.out;
  // Shape options stay in force: the run cgroup's pids limit.
  auto forks =
      run_doc({{"args", {"/bin/sh", "-c", "for i in 1 2 3 4 5 6 7 8; do sleep 1 & done; wait"}}},
              {"--pids", "4"});
  EXPECT_NE(forks.json()["status"], "ok") << forks.out;
}

TEST_F(Deferred, ClosingWithoutACommandCancelsAndRunsNothing) {
  const fs::path marker = dir_ / "ran";
  start();
  ASSERT_EQ(wait_ready(), "ready\n");
  ::shutdown(sock_, SHUT_WR);
  auto r = finish();
  EXPECT_EQ(r.exit_code, 125);
  auto j = r.json();
  EXPECT_EQ(j["status"], "setup_error");
  EXPECT_NE(j["reason"].get<std::string>().find("cancelled"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(marker));
}

TEST_F(Deferred, MalformedDocumentsAreRefusedAndNothingRuns) {
  const fs::path keep = dir_ / "never";
  const std::string touch = "touch /workspace/x";
  for (const std::string& doc :
       {std::string("not json"), std::string("[1]"), std::string(R"({"args": []})"),
        std::string(R"({"args": "sh"})"), std::string(R"({"args": ["sh"], "extra": 1})"),
        json{{"args", {"sh", "-c", touch}}, {"env", {"1BAD=x"}}, {"keep_workspace", keep.string()}}
            .dump(),
        json{
            {"args", {"sh", "-c", touch}}, {"wall_time", "soon"}, {"keep_workspace", keep.string()}}
            .dump(),
        json{{"args", {"sh", "-c", touch}}, {"stdin", "a"}, {"stdin_file", "/etc/hostname"}}.dump(),
        json{{"args", {"sh", "-c", touch}},
             {"copy_in", {"/nonexistent/file:x"}},
             {"keep_workspace", keep.string()}}
            .dump(),
        json{{"args", {"sh", "-c", touch}}, {"stdin_file", "/nonexistent"}}.dump()}) {
    start();
    ASSERT_EQ(wait_ready(), "ready\n");
    send(doc);
    auto r = finish();
    EXPECT_EQ(r.exit_code, 125) << doc << "\n" << r.out << r.err;
    auto j = r.json();
    EXPECT_EQ(j["status"], "setup_error") << doc;
    EXPECT_FALSE(j["reason"].get<std::string>().empty());
    EXPECT_FALSE(fs::exists(keep)) << doc;
  }
}

TEST_F(Deferred, SigtermWhileWaitingCleansUp) {
  start();
  ASSERT_EQ(wait_ready(), "ready\n");
  ::kill(pid_, SIGTERM);
  auto r = finish();
  EXPECT_EQ(r.exit_code, 125) << r.err;
  EXPECT_EQ(r.json()["status"], "setup_error");
}

TEST_F(Deferred, UsageErrors) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"run", "--command-fd", "3", "--", "/bin/true"},
           {"run", "--command-fd", "9", "--stdin-string", "x"},
           {"run", "--command-fd", "9", "--copy-in", "/etc/hostname"},
           {"run", "--command-fd", "57"},  // not open
           {"run", "--command-fd", "1"},
           {"run", "--idle-until-command", "--", "/bin/true"}}) {
    auto r = run_cli(args);
    EXPECT_EQ(r.exit_code, 2) << args.back() << r.err;
    EXPECT_NE(r.err.find("--"), std::string::npos) << r.err;
  }
}

}  // namespace
