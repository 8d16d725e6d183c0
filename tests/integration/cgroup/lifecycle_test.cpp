// Run cgroup lifecycle on the real kernel: attach (cgroup.procs, CLONE_INTO_CGROUP),
// destroy with live processes inside, reaping after a killed supervisor, the rootless
// report and the v2 "no internal processes" leaf move.
#include <grp.h>
#include <linux/sched.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstring>

#include "fixture.hpp"
#include "gated_child.hpp"
#include "linux/cgroup/files.hpp"
#include "linux/cgroup/prepare.hpp"
#include "linux/cgroup/procs.hpp"
#include "linux/cgroup/v2_delegation.hpp"
#include "workloads.hpp"

namespace tc::cgroup::testing {
namespace {

class Lifecycle : public CgroupTest {};

bool contains(const std::vector<pid_t>& pids, pid_t pid) {
  return std::find(pids.begin(), pids.end(), pid) != pids.end();
}

TEST_P(Lifecycle, DestroyKillsEverythingInsideAndLeavesNoDirectory) {
  auto run = make_run(Limits{});
  ASSERT_TRUE(run);
  const auto dirs = run->dirs();
  ASSERT_FALSE(dirs.empty());
  GatedChild child([] {
    for (int i = 0; i < 3; ++i)
      if (::fork() == 0) break;  // a small tree of sleepers
    ::pause();
    return 0;
  });
  ASSERT_TRUE(run->attach(child.pid()));
  child.release();
  for (const std::string& d : dirs) {
    auto procs = read_procs(d);
    ASSERT_TRUE(procs) << procs.error().describe();
    EXPECT_TRUE(contains(*procs, child.pid())) << d;
  }
  auto destroyed = run->destroy();  // what the destructor does: kill, wait until empty, rmdir
  EXPECT_TRUE(destroyed) << destroyed.error().describe();
  run.reset();
  const int status = child.wait();
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  for (const std::string& d : dirs) EXPECT_FALSE(file_exists(d)) << d;
}

TEST_P(Lifecycle, CloneIntoCgroupStartsTheChildInside) {
  auto run = make_run(Limits{});
  ASSERT_TRUE(run);
  if (run->clone_into_fd() < 0) GTEST_SKIP() << "CLONE_INTO_CGROUP is cgroup v2 only";
  clone_args args{};
  args.flags = CLONE_INTO_CGROUP;
  args.exit_signal = SIGCHLD;
  args.cgroup = static_cast<__u64>(run->clone_into_fd());
  const long pid = ::syscall(SYS_clone3, &args, sizeof args);
  if (pid == 0) {
    ::pause();
    ::_exit(0);
  }
  ASSERT_GT(pid, 0) << std::strerror(errno);
  auto procs = read_procs(run->dirs().front());
  ASSERT_TRUE(procs) << procs.error().describe();
  EXPECT_TRUE(contains(*procs, static_cast<pid_t>(pid)));
  ASSERT_TRUE(run->destroy());
  int status = 0;
  ASSERT_EQ(::waitpid(static_cast<pid_t>(pid), &status, 0), pid);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

// Reads everything the child wrote to `fd` until EOF.
std::string read_all(int fd) {
  std::string out;
  char buf[256];
  ssize_t n = 0;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  return out;
}

TEST_P(Lifecycle, ReapStaleRemovesTheCgroupOfAKilledSupervisor) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  ManagerOptions options;
  options.version = GetParam().version;
  const pid_t supervisor = ::fork();
  ASSERT_GE(supervisor, 0);
  if (supervisor == 0) {  // a supervisor that creates a run, starts a workload, dies
    ::close(fds[0]);
    auto manager = CgroupManager::open(options);
    if (!manager) ::_exit(2);
    auto run = manager->create_run(Limits{});
    if (!run) ::_exit(3);
    const pid_t workload = ::fork();
    if (workload == 0) {
      ::pause();
      ::_exit(0);
    }
    if (!(*run)->attach(workload)) ::_exit(4);
    const std::string line = (*run)->name() + "\n";
    if (::write(fds[1], line.data(), line.size()) < 0) ::_exit(5);
    ::pause();  // SIGKILLed here: the RunCgroup destructor never runs
    ::_exit(6);
  }
  ::close(fds[1]);
  std::string name;
  char c = 0;
  while (::read(fds[0], &c, 1) == 1 && c != '\n') name += c;
  ::close(fds[0]);
  ASSERT_FALSE(name.empty()) << "the supervisor did not create its run cgroup";
  const auto parents = manager_->backend().parent_dirs();
  // Not every hierarchy gets a directory (v1: no cpu-controller cgroup without a cpu limit).
  std::size_t present = 0;
  for (const std::string& p : parents) present += file_exists(p + "/" + name) ? 1 : 0;
  if (present == 0) ::kill(supervisor, SIGKILL);
  ASSERT_GT(present, 0u) << "no directory of " << name;

  // While the supervisor lives, its run cgroup is not stale.
  auto early = manager_->reap_stale();
  EXPECT_EQ(std::count(early.removed.begin(), early.removed.end(), name), 0);

  ::kill(supervisor, SIGKILL);
  int status = 0;
  ASSERT_EQ(::waitpid(supervisor, &status, 0), supervisor);
  auto report = manager_->reap_stale();
  EXPECT_EQ(std::count(report.removed.begin(), report.removed.end(), name), 1);
  EXPECT_TRUE(report.failed.empty()) << report.failed.front();
  for (const std::string& p : parents) EXPECT_FALSE(file_exists(p + "/" + name)) << p;
  // The orphaned workload (reparented to us, the subreaper) was killed by the reaper.
  const pid_t reaped = ::waitpid(-1, &status, 0);
  EXPECT_GT(reaped, 0);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

TEST_P(Lifecycle, V1CpuCgroupOnlyForACpuLimit) {
  if (manager_->version() != CgroupVersion::v1) GTEST_SKIP() << "cgroup v1 rule";
  std::string cpu_parent;  // a separately mounted cpu hierarchy (co-mounted: shared dir)
  for (const std::string& p : manager_->backend().parent_dirs())
    if (p.ends_with("/cpu") || p.find("/cpu/") != std::string::npos) cpu_parent = p;
  if (cpu_parent.empty()) GTEST_SKIP() << "no separate cpu hierarchy";
  auto plain = manager_->create_run(Limits{});
  ASSERT_TRUE(plain) << plain.error().describe();
  EXPECT_FALSE(file_exists(cpu_parent + "/" + (*plain)->name()));
  auto weighted = manager_->create_run(Limits{.cpu_weight = 100});
  ASSERT_TRUE(weighted) << weighted.error().describe();
  EXPECT_TRUE(file_exists(cpu_parent + "/" + (*weighted)->name()));
}

TEST_P(Lifecycle, UnprivilegedCallerGetsTheListOfUnenforcedLimits) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  ManagerOptions options;
  options.version = GetParam().version;
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(fds[0]);
    if (::setgroups(0, nullptr) != 0 || ::setresgid(65534, 65534, 65534) != 0 ||
        ::setresuid(65534, 65534, 65534) != 0)
      ::_exit(2);
    ::prctl(PR_SET_DUMPABLE, 1);  // as a normal user process: /proc/self readable
    auto manager = CgroupManager::open(options);
    std::string out = manager ? "" : "open failed: " + manager.error().describe();
    if (manager) {
      const Limits all{.memory_bytes = 64 * kMiB,
                       .pids = 10,
                       .cpus = 0.5,
                       .cpu_weight = 100,
                       .cpu_time = std::chrono::seconds(1)};
      for (const std::string& n : manager->unenforceable(all)) out += n + ",";
      out += manager->notes().empty() ? "no notes" : "notes";
    }
    if (::write(fds[1], out.data(), out.size()) < 0) ::_exit(3);
    ::_exit(0);
  }
  ::close(fds[1]);
  const std::string got = read_all(fds[0]);
  ::close(fds[0]);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  EXPECT_EQ(got, "memory,pids,cpus,cpu-weight,cpu-time,notes");
}

TEST_P(Lifecycle, PrepareRunCreatesTheRunOrRefusesUnderRequireLimits) {
  const Limits limits{.memory_bytes = 64 * kMiB, .cpu_time = std::chrono::seconds(1)};
  const auto missing = manager_->unenforceable(limits);
  auto prepared = prepare_run(*manager_, limits, false);
  ASSERT_TRUE(prepared) << prepared.error().describe();
  ASSERT_TRUE(prepared->run);
  EXPECT_EQ(prepared->not_enforced, missing);
  EXPECT_EQ(prepared->hooks.clone_into_cgroup_fd, prepared->run->clone_into_fd());
  ASSERT_TRUE(prepared->hooks.cpu_usage);
  EXPECT_TRUE(prepared->hooks.cpu_usage());
  Outcome outcome;
  outcome.status = Status::ok;
  prepared->hooks.finalize_outcome(outcome);
  EXPECT_EQ(outcome.status, Status::ok);
  for (const std::string& m : missing)
    EXPECT_NE(std::find(outcome.limits_not_enforced.begin(), outcome.limits_not_enforced.end(), m),
              outcome.limits_not_enforced.end());
  prepared->run.reset();
  auto strict = prepare_run(*manager_, limits, true);
  if (missing.empty()) {
    ASSERT_TRUE(strict) << strict.error().describe();
  } else {
    ASSERT_FALSE(strict);
    EXPECT_NE(strict.error().message.find("cannot enforce " + missing.front()), std::string::npos)
        << strict.error().message;
  }
}

TEST_P(Lifecycle, PrepareRunWithoutAnyWritableCgroupReportsEverything) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  ManagerOptions options;
  options.version = GetParam().version;
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(fds[0]);
    if (::setgroups(0, nullptr) != 0 || ::setresgid(65534, 65534, 65534) != 0 ||
        ::setresuid(65534, 65534, 65534) != 0)
      ::_exit(2);
    ::prctl(PR_SET_DUMPABLE, 1);
    auto manager = CgroupManager::open(options);
    if (!manager) ::_exit(3);
    const Limits limits{.memory_bytes = 64 * kMiB, .pids = 10};
    std::string out = prepare_run(*manager, limits, true) ? "strict-accepted;" : "strict-refused;";
    auto lax = prepare_run(*manager, limits, false);
    if (!lax) ::_exit(4);
    out += lax->run ? "run;" : "no-run;";
    Outcome o;
    o.status = Status::ok;
    lax->hooks.finalize_outcome(o);
    for (const std::string& n : o.limits_not_enforced) out += n + ",";
    if (::write(fds[1], out.data(), out.size()) < 0) ::_exit(5);
    ::_exit(0);
  }
  ::close(fds[1]);
  const std::string got = read_all(fds[0]);
  ::close(fds[0]);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  EXPECT_EQ(got, "strict-refused;no-run;memory,pids,");
}

TEST_P(Lifecycle, ManagerMovesItselfIntoALeafToEnableControllers) {
  const auto parents = manager_->backend().parent_dirs();
  if (manager_->version() != CgroupVersion::v2) GTEST_SKIP() << "cgroup v2 rule";
  const std::string parent = parents.front();
  auto offered = read_controller_list(parent + "/cgroup.subtree_control");
  ASSERT_TRUE(offered);
  if (std::find(offered->begin(), offered->end(), "memory") == offered->end())
    GTEST_SKIP() << "the memory controller is not delegated to " << parent;
  const std::string mgr = parent + "/tc-leaftest-" + std::to_string(::getpid());
  ASSERT_EQ(::mkdir(mgr.c_str(), 0755), 0) << std::strerror(errno);
  GatedChild child([&mgr]() -> int {
    if (!write_file(mgr + "/cgroup.procs", "0")) return 10;  // the manager sits in mgr
    // memory is a domain controller: a non-root cgroup with processes cannot enable it.
    auto busy = enable_controllers(mgr, {"memory"});
    if (!busy) return 11;
    if (busy->refused.size() != 1) return 12;  // refused: mgr has a process, is not the root
    if (busy->refused[0].find("no internal processes") == std::string::npos) return 13;
    if (!move_self_into_leaf(mgr, "tc-manager")) return 14;
    auto enabled = enable_controllers(mgr, {"memory"});
    if (!enabled || !enabled->refused.empty()) return 15;
    if (std::find(enabled->enabled.begin(), enabled->enabled.end(), "memory") ==
        enabled->enabled.end())
      return 16;
    return 0;
  });
  child.release();
  const int status = child.wait();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child status " << status;
  EXPECT_TRUE(remove_dir(mgr + "/tc-manager"));
  EXPECT_TRUE(remove_dir(mgr));
}

TEST_P(Lifecycle, CgroupParentRelativeToOwnCgroup) {
  const std::string parent_name = "tc-parent-test-" + std::to_string(::getpid());
  ManagerOptions options;
  options.version = GetParam().version;
  options.cgroup_parent = parent_name + "/runs";
  std::vector<std::string> parents;
  {
    auto manager = CgroupManager::open(options);
    ASSERT_TRUE(manager) << manager.error().describe();
    parents = manager->backend().parent_dirs();
    for (const std::string& p : parents)
      EXPECT_NE(p.find("/" + parent_name + "/runs"), std::string::npos) << p;
    auto run = manager->create_run(Limits{});
    ASSERT_TRUE(run) << run.error().describe();
    for (const std::string& d : (*run)->dirs()) {
      EXPECT_TRUE(file_exists(d)) << d;
      EXPECT_NE(d.find("/" + parent_name + "/runs/tc-"), std::string::npos) << d;
    }
    ASSERT_TRUE((*run)->destroy());
  }
  for (const std::string& p : parents) {  // the user's parent stays; the test removes it
    EXPECT_TRUE(remove_dir(p)) << p;
    EXPECT_TRUE(remove_dir(p.substr(0, p.size() - 5))) << p;
  }
  for (const char* bad : {"", "/", "a/../b", "./x"}) {
    options.cgroup_parent = bad;
    auto refused = CgroupManager::open(options);
    ASSERT_FALSE(refused) << bad;
    EXPECT_EQ(refused.error().phase, Phase::usage);
  }
}

TEST_P(Lifecycle, LongLivedManagerOptionMovesToLeafAndEnforcesMemory) {
  if (manager_->version() != CgroupVersion::v2) GTEST_SKIP() << "cgroup v2 rule";
  const std::string parent = manager_->backend().parent_dirs().front();
  auto offered = read_controller_list(parent + "/cgroup.subtree_control");
  ASSERT_TRUE(offered);
  if (std::find(offered->begin(), offered->end(), "memory") == offered->end())
    GTEST_SKIP() << "the memory controller is not delegated to " << parent;
  const std::string home = parent + "/tc-daemon-" + std::to_string(::getpid());
  ASSERT_EQ(::mkdir(home.c_str(), 0755), 0) << std::strerror(errno);
  GatedChild daemon([&home]() -> int {
    if (!write_file(home + "/cgroup.procs", "0")) return 10;  // the daemon's own cgroup
    ManagerOptions options;
    options.move_self_to_leaf = true;
    auto manager = CgroupManager::open(options);
    if (!manager) return 11;
    const Limits limits{.memory_bytes = 64 * kMiB};
    if (!manager->unenforceable(limits).empty()) return 12;
    auto run = manager->create_run(limits);
    if (!run) return 13;
    if ((*run)->dirs().front().rfind(home + "/tc-", 0) != 0) return 14;  // sibling of the leaf
    auto self = read_file("/proc/self/cgroup");
    if (!self || self->find("/tc-manager") == std::string::npos) return 15;
    return 0;
  });
  daemon.release();
  const int status = daemon.wait();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "daemon status " << status;
  EXPECT_TRUE(remove_dir(home + "/tc-manager"));
  EXPECT_TRUE(remove_dir(home));
}

INSTANTIATE_TEST_SUITE_P(Backends, Lifecycle, TC_CGROUP_MODES, mode_name);

TEST(Detect, ThisHostIsDetected) {
  auto layout = probe_layout();
  ASSERT_TRUE(layout) << layout.error().describe();
  auto manager = CgroupManager::open();
  ASSERT_TRUE(manager) << manager.error().describe();
  std::cout << "layout " << to_string(layout->mode) << ", backend v"
            << (manager->version() == CgroupVersion::v2 ? 2 : 1) << "\n";
  EXPECT_EQ(manager->version() == CgroupVersion::v2, layout->mode == LayoutMode::unified);
  EXPECT_TRUE(
      manager->unenforceable(Limits{.memory_bytes = 64 * kMiB, .pids = 10, .cpus = 1.0}).empty() ||
      ::geteuid() != 0);
}

}  // namespace
}  // namespace tc::cgroup::testing
