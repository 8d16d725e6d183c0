// Integration: the launcher library called in-process — no fd leaks over many runs, the
// single-thread precondition, and the plumbing the seccomp and cgroup layers plug into.
#include "linux/launcher.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/magic.h>
#include <chrono>
#include <cstddef>
#include <fstream>
#include <future>
#include <thread>

#include "proc_scan.hpp"

namespace {

namespace fs = std::filesystem;
using tc::Outcome;
using tc::Status;
using tc::sandbox::SandboxSpec;

class Launcher : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root";
    char tmpl[] = "/tmp/tc-launch-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
    ::chmod(tmpl, 0711);  // the sandbox's mapped root walks down to its run dir
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  SandboxSpec spec(const std::string& script) const {
    SandboxSpec s;
    s.process.args = {"/bin/sh", "-c", script};
    s.process.env = {"PATH=/usr/bin:/bin"};
    s.workspace.runtime_base = dir_ / "rt";
    s.identity.host_id_base = tc::test::private_uid_base();
    return s;
  }
  fs::path dir_;
};

TEST_F(Launcher, NoFdMountOrProcessLeakOver200Runs) {
  const int fds = tc::test::count_entries("/proc/self/fd");
  const int mounts = tc::test::count_lines("/proc/self/mountinfo");
  for (int i = 0; i < 200; ++i) {
    auto s = spec(i % 2 == 0 ? "echo $i" : "(setsid sleep 1000 &); exit 7");
    Outcome o = tc::sandbox::launch(s);
    ASSERT_EQ(o.status, i % 2 == 0 ? Status::ok : Status::runtime_error) << o.reason;
  }
  EXPECT_EQ(tc::test::count_entries("/proc/self/fd"), fds);
  EXPECT_EQ(tc::test::count_lines("/proc/self/mountinfo"), mounts);
  EXPECT_EQ(tc::test::count_processes_in_uid_range(tc::test::private_uid_base()), 0);
  EXPECT_EQ(tc::test::count_entries(dir_ / "rt"), 0);
}

TEST_F(Launcher, RefusesToCloneFromAMultiThreadedProcess) {
  std::promise<void> stop;
  std::thread other([f = stop.get_future()]() mutable { f.wait(); });
  Outcome o = tc::sandbox::launch(spec("echo never"));
  stop.set_value();
  other.join();
  EXPECT_EQ(o.status, Status::internal_error);
  EXPECT_NE(o.reason.find("single-threaded"), std::string::npos) << o.reason;
  EXPECT_TRUE(o.stdout_stream.data.empty());
}

// A filter that handles mkdir/mkdirat with `action` and allows everything else.
std::vector<sock_filter> mkdir_filter(std::uint32_t action) {
  return {
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, arch)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
      BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(seccomp_data, nr)),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_mkdir, 2, 0),
      BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_mkdirat, 1, 0),
      BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
      BPF_STMT(BPF_RET | BPF_K, action),
  };
}

TEST_F(Launcher, SeccompProgramIsInstalledLastBeforeExecve) {
#if !defined(__x86_64__)
  GTEST_SKIP() << "filter written for x86-64";
#endif
  auto s = spec(
      "mkdir /workspace/d 2>/dev/null; echo $?; grep Seccomp: /proc/self/status | tr -d '\\t'");
  s.seccomp_program = mkdir_filter(SECCOMP_RET_ERRNO | EPERM);
  Outcome o = tc::sandbox::launch(s);
  EXPECT_EQ(o.status, Status::ok) << o.reason;
  EXPECT_EQ(o.stdout_stream.data, "1\nSeccomp:2\n");
}

TEST_F(Launcher, SeccompUserNotificationReachesTheSupervisor) {
#if !defined(__x86_64__)
  GTEST_SKIP() << "filter written for x86-64";
#endif
  auto s = spec("echo before; mkdir /workspace/d; echo after");
  s.seccomp_program = mkdir_filter(SECCOMP_RET_USER_NOTIF);
  s.seccomp_user_notify = true;
  tc::sandbox::LaunchHooks hooks;
  int calls = 0;
  hooks.on_seccomp_notification = [&calls](int listener) -> std::optional<std::string> {
    ++calls;
    seccomp_notif notif{};
    if (::ioctl(listener, SECCOMP_IOCTL_NOTIF_RECV, &notif) != 0) return std::nullopt;
    return notif.data.nr == SYS_mkdir || notif.data.nr == SYS_mkdirat
               ? std::optional<std::string>("mkdir")
               : std::nullopt;
  };
  Outcome o = tc::sandbox::launch(s, hooks);
  EXPECT_EQ(o.status, Status::security_violation) << o.reason;
  EXPECT_EQ(o.violation_syscall, "mkdir");
  EXPECT_EQ(o.stdout_stream.data, "before\n");
  EXPECT_EQ(calls, 1);
}

TEST_F(Launcher, CgroupHooksRunBeforeTheWorkloadAndAfterTheRun) {
  auto s = spec("echo ran");
  tc::sandbox::LaunchHooks hooks;
  pid_t attached = -1;
  std::string children = "?";
  hooks.attach_cgroup = [&](pid_t pid) -> tc::Result<void> {
    attached = pid;
    std::ifstream in("/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/children");
    std::getline(in, children);
    return {};
  };
  hooks.finalize_outcome = [](Outcome& o) { o.usage.peak_pids = 2; };
  Outcome o = tc::sandbox::launch(s, hooks);
  EXPECT_EQ(o.status, Status::ok) << o.reason;
  EXPECT_GT(attached, 0);
  EXPECT_EQ(children, "") << "the workload must not exist yet when the cgroup is attached";
  EXPECT_EQ(o.usage.peak_pids, 2u);
}

TEST_F(Launcher, WorkloadWaitsForASlowCgroupAttach) {
  // init builds its root filesystem while the supervisor attaches it (two-step release);
  // the workload must still be spawned only after the attach returned.
  auto s = spec("echo ran");
  tc::sandbox::LaunchHooks hooks;
  std::string children = "?";
  hooks.attach_cgroup = [&](pid_t pid) -> tc::Result<void> {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    std::ifstream in("/proc/" + std::to_string(pid) + "/task/" + std::to_string(pid) + "/children");
    std::getline(in, children);
    return {};
  };
  Outcome o = tc::sandbox::launch(s, hooks);
  EXPECT_EQ(o.status, Status::ok) << o.reason;
  EXPECT_EQ(children, "") << "the workload was spawned before the cgroup attach finished";
  EXPECT_EQ(o.stdout_stream.data, "ran\n");
}

TEST_F(Launcher, HousekeepingRunsOnceWhileTheSandboxStarts) {
  tc::sandbox::LaunchHooks hooks;
  pid_t init = -1;
  int calls = 0;
  bool init_alive = false;
  hooks.attach_cgroup = [&](pid_t pid) -> tc::Result<void> {
    init = pid;
    return {};
  };
  hooks.housekeeping = [&] {
    ++calls;
    init_alive = init > 0 && ::kill(init, 0) == 0;
  };
  Outcome o = tc::sandbox::launch(spec("sleep 0.2"), hooks);
  EXPECT_EQ(o.status, Status::ok) << o.reason;
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(init_alive) << "housekeeping must overlap the sandbox's start, not follow it";
  Outcome failed = tc::sandbox::launch(spec("exit 3"), hooks);
  EXPECT_EQ(failed.status, Status::runtime_error) << failed.reason;
  EXPECT_EQ(calls, 2);
}

TEST_F(Launcher, WorkloadNeverInheritsARealTimePolicyOrNegativeNice) {
  // A caller running SCHED_FIFO at nice -5 must not hand either to untrusted code.
  const int old_nice = ::getpriority(PRIO_PROCESS, 0);
  ASSERT_EQ(::setpriority(PRIO_PROCESS, 0, -5), 0);
  sched_param fifo{};
  fifo.sched_priority = 1;
  ASSERT_EQ(::sched_setscheduler(0, SCHED_FIFO, &fifo), 0);
  // /proc/self/stat of the workload's `cut`: field 19 = nice, field 41 = policy.
  Outcome o = tc::sandbox::launch(spec("cut -d' ' -f19,41 /proc/self/stat"));
  const int policy_after = ::sched_getscheduler(0);
  sched_param other{};
  ::sched_setscheduler(0, SCHED_OTHER, &other);
  ::setpriority(PRIO_PROCESS, 0, old_nice);
  EXPECT_EQ(o.status, Status::ok) << o.reason;
  EXPECT_EQ(o.stdout_stream.data, "0 0\n");
  EXPECT_EQ(policy_after, SCHED_FIFO) << "the caller's own policy must be restored (root)";
}

TEST_F(Launcher, TickHookRunsPeriodicallyWhileTheSandboxRuns) {
  tc::sandbox::LaunchHooks hooks;
  int ticks = 0;
  hooks.tick_interval = std::chrono::milliseconds(10);
  hooks.on_tick = [&ticks] { ++ticks; };
  Outcome o = tc::sandbox::launch(spec("sleep 0.3"), hooks);
  EXPECT_EQ(o.status, Status::ok) << o.reason;
  EXPECT_GE(ticks, 10);  // ~30 expected; generous for a loaded machine
  EXPECT_LE(ticks, 40);  // never faster than the interval
}

TEST_F(Launcher, FailingCgroupAttachAbortsBeforeTheWorkload) {
  auto s = spec("echo ran");
  tc::sandbox::LaunchHooks hooks;
  hooks.attach_cgroup = [](pid_t) -> tc::Result<void> {
    return tc::make_error(tc::Phase::cgroup, "no cgroup for you");
  };
  Outcome o = tc::sandbox::launch(s, hooks);
  EXPECT_EQ(o.status, Status::setup_error);
  EXPECT_EQ(o.reason, "cgroup: no cgroup for you");
  EXPECT_TRUE(o.stdout_stream.data.empty());
  EXPECT_EQ(tc::test::count_entries(dir_ / "rt"), 0);
}

TEST_F(Launcher, CloneIntoCgroupPlacesInitInTheGivenCgroup) {
  struct statfs sfs {};
  const fs::path unified = "/sys/fs/cgroup/unified";
  if (::statfs(unified.c_str(), &sfs) != 0 || sfs.f_type != CGROUP2_SUPER_MAGIC)
    GTEST_SKIP() << "no cgroup v2 hierarchy at " << unified;
  std::ifstream self("/proc/self/cgroup");
  std::string line, own;
  while (std::getline(self, line))
    if (line.rfind("0::", 0) == 0) own = line.substr(3);
  const fs::path cg =
      unified / fs::path(own).relative_path() / ("tc-launcher-test-" + std::to_string(::getpid()));
  if (::mkdir(cg.c_str(), 0755) != 0)
    GTEST_SKIP() << "cannot create " << cg << " below our own cgroup";
  int fd = ::open(cg.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  tc::sandbox::LaunchHooks hooks;
  hooks.clone_into_cgroup_fd = fd;
  std::string seen;
  hooks.attach_cgroup = [&](pid_t pid) -> tc::Result<void> {
    std::ifstream in("/proc/" + std::to_string(pid) + "/cgroup");
    std::string l;
    while (std::getline(in, l))
      if (l.rfind("0::", 0) == 0) seen = l.substr(3);
    return {};
  };
  Outcome o = tc::sandbox::launch(spec("cat /proc/self/cgroup | grep '^0::'"), hooks);
  ::close(fd);
  ::rmdir(cg.c_str());
  EXPECT_EQ(o.status, Status::ok) << o.reason;
  EXPECT_EQ(seen, "/" + fs::path(cg).lexically_relative(unified).string());
  EXPECT_EQ(o.stdout_stream.data, "0::/\n") << "the cgroup namespace is unshared after the attach";
}

}  // namespace
