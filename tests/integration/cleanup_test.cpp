// Integration: after a run nothing survives — no process (also daemons), no mount, no run
// directory — including time-limit kills and SIGTERM/SIGINT/SIGKILL sent to the CLI.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "cli_runner.hpp"
#include "proc_scan.hpp"

namespace {

namespace fs = std::filesystem;
using namespace tc::test;

class Cleanup : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root";
    dir_ = scratch_dir();
    base_ = private_uid_base();
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  std::vector<std::string> run_args(std::vector<std::string> extra, const std::string& script) {
    std::vector<std::string> a{"run",
                               "--json",
                               "-q",
                               "--runtime-dir",
                               (dir_ / "rt").string(),
                               "--uid-base",
                               std::to_string(base_)};
    a.insert(a.end(), extra.begin(), extra.end());
    a.insert(a.end(), {"--", "/bin/sh", "-c", script});
    return a;
  }
  // Waits until the sandbox has at least `n` processes.
  bool wait_for_processes(int n) {
    for (int i = 0; i < 500; ++i) {
      if (count_processes_in_uid_range(base_) >= n) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
  }
  fs::path dir_;
  std::uint32_t base_ = 0;
};

TEST_F(Cleanup, NothingSurvives200RunsIncludingDaemonsAndKills) {
  const int mounts_before = count_lines("/proc/self/mountinfo");
  ASSERT_EQ(count_processes_in_uid_range(base_), 0);
  for (int i = 0; i < 200; ++i) {
    CliResult r;
    switch (i % 4) {
      case 0:
        r = run_cli(run_args({}, "true"));
        EXPECT_EQ(r.exit_code, 0);
        break;
      case 1:  // double fork + new session: a classic daemon
        r = run_cli(run_args({}, "(setsid sleep 1000 &) ; echo started"));
        EXPECT_EQ(r.exit_code, 0);
        break;
      case 2:
        r = run_cli(run_args({"--wall-time", "50ms"}, "setsid sleep 1000 & sleep 1000"));
        EXPECT_EQ(r.exit_code, 124);
        break;
      case 3:
        r = run_cli(run_args({"--output-limit", "10"}, "setsid sleep 1000 & yes"));
        EXPECT_EQ(r.exit_code, 123);
        break;
    }
    ASSERT_EQ(count_processes_in_uid_range(base_), 0)
        << "run " << i << " left a process; " << r.err;
  }
  EXPECT_EQ(count_lines("/proc/self/mountinfo"), mounts_before);
  EXPECT_EQ(count_run_dirs(dir_ / "rt"), 0);
}

TEST_F(Cleanup, SigtermAndSigintToTheCliKillTheSandboxAndClean) {
  for (int sig : {SIGTERM, SIGINT, SIGHUP}) {
    auto out = dir_ / ("sig" + std::to_string(sig));
    fs::create_directories(out);
    pid_t cli = start_cli(run_args({}, "setsid sleep 1000 & sleep 1000"), out);
    ASSERT_TRUE(wait_for_processes(3)) << "sandbox did not start";
    ::kill(cli, sig);
    auto r = finish_cli(cli, out);
    EXPECT_EQ(r.exit_code, 128 + sig) << r.err;
    auto j = r.json();
    EXPECT_EQ(j["status"], "signaled");
    EXPECT_NE(j["reason"].get<std::string>().find("interrupted"), std::string::npos);
    EXPECT_EQ(count_processes_in_uid_range(base_), 0);
    EXPECT_EQ(count_run_dirs(dir_ / "rt"), 0);
  }
}

TEST_F(Cleanup, SigkillToTheCliStillKillsTheSandbox) {
  pid_t cli = start_cli(run_args({}, "setsid sleep 1000 & sleep 1000"), dir_);
  ASSERT_TRUE(wait_for_processes(3));
  ::kill(cli, SIGKILL);
  finish_cli(cli, dir_);
  // PR_SET_PDEATHSIG kills init; the kernel then kills the whole pid namespace.
  bool gone = false;
  for (int i = 0; i < 200 && !gone; ++i) {
    gone = count_processes_in_uid_range(base_) == 0;
    if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(gone);
  // Its run directory (and run cgroup) stay until the next start reaps them.
  EXPECT_EQ(count_run_dirs(dir_ / "rt"), 1);
  EXPECT_EQ(run_cli(run_args({}, "true")).exit_code, 0);
  EXPECT_EQ(count_run_dirs(dir_ / "rt"), 0);
}

}  // namespace
