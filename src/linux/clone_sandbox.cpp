#include "linux/clone_sandbox.hpp"

#include <linux/sched.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <csignal>
#include <cstdint>

namespace tc::sandbox {

namespace {

long raw_clone3(unsigned long flags, int cgroup_fd, int* pidfd) {
  clone_args args{};
  args.flags = flags | CLONE_PIDFD | (cgroup_fd >= 0 ? CLONE_INTO_CGROUP : 0);
  args.pidfd = reinterpret_cast<std::uint64_t>(pidfd);
  args.exit_signal = SIGCHLD;
  if (cgroup_fd >= 0) args.cgroup = static_cast<std::uint64_t>(cgroup_fd);
  return ::syscall(SYS_clone3, &args, sizeof args);
}

long raw_clone(unsigned long flags, int* pidfd) {
  // x86-64/arm64 argument order: flags, stack, parent_tid (receives the pidfd), child_tid, tls.
  return ::syscall(SYS_clone, flags | CLONE_PIDFD | SIGCHLD, nullptr, pidfd, nullptr, 0);
}

// The sandbox must not inherit the caller's real-time policy or negative nice value (an
// untrusted workload with SCHED_FIFO could monopolise a CPU; a v1 cpu cgroup without an
// RT budget also refuses RT tasks). SCHED_RESET_ON_FORK makes the kernel give the child
// SCHED_OTHER and nice 0 at clone time — before anything can race the attach. Returns the
// policy to restore in the caller, or -1 when nothing was changed.
int arm_sched_reset_on_fork(sched_param& param) {
  const int policy = ::sched_getscheduler(0);
  const bool privileged = policy > 0 || ::getpriority(PRIO_PROCESS, 0) < 0;
  if (policy < 0 || (policy & SCHED_RESET_ON_FORK) != 0 || !privileged) return -1;
  if (::sched_getparam(0, &param) != 0) return -1;
  if (::sched_setscheduler(0, policy | SCHED_RESET_ON_FORK, &param) != 0) return -1;
  return policy;
}

// Clearing the flag needs CAP_SYS_NICE; without it the caller keeps it, which only
// affects its later children — sandboxes, for which it is the right setting too.
void disarm_sched_reset_on_fork(int policy, const sched_param& param) {
  if (policy >= 0) (void)::sched_setscheduler(0, policy, &param);
}

}  // namespace

unsigned long namespace_flags(const NamespaceSpec& ns) noexcept {
  unsigned long flags = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWPID;
  if (ns.uts) flags |= CLONE_NEWUTS;
  if (ns.ipc) flags |= CLONE_NEWIPC;
  if (ns.net) flags |= CLONE_NEWNET;
  return flags;  // the cgroup namespace is unshared by init, after the cgroup attach
}

Result<ClonedChild> clone_sandbox(unsigned long ns_flags, int cgroup_fd) {
  ClonedChild child;
  int pidfd = -1;
  sched_param param{};
  const int restore_policy = arm_sched_reset_on_fork(param);
  long pid = raw_clone3(ns_flags, cgroup_fd, &pidfd);
  if (pid < 0 && (errno == ENOSYS || errno == E2BIG || errno == EINVAL ||
                  (cgroup_fd >= 0 && (errno == EOPNOTSUPP || errno == EBUSY)))) {
    pid = raw_clone(ns_flags, &pidfd);
  } else if (pid > 0) {
    child.into_cgroup = cgroup_fd >= 0;
  }
  if (pid != 0) {  // the caller only: the child keeps the reset policy
    const int err = errno;
    disarm_sched_reset_on_fork(restore_policy, param);
    errno = err;
  }
  if (pid < 0) {
    int err = errno;
    return sys_error(Phase::namespaces,
                     err == EPERM || err == ENOSPC || err == EUSERS
                         ? "clone new namespaces (are user namespaces enabled? "
                           "see /proc/sys/user/max_user_namespaces)"
                         : "clone new namespaces",
                     err);
  }
  child.pid = static_cast<pid_t>(pid);
  if (pid > 0) child.pidfd.reset(pidfd);
  return child;
}

}  // namespace tc::sandbox
