#include "linux/clone_sandbox.hpp"

#include <linux/sched.h>
#include <sched.h>
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
  long pid = raw_clone3(ns_flags, cgroup_fd, &pidfd);
  if (pid < 0 && (errno == ENOSYS || errno == E2BIG || errno == EINVAL ||
                  (cgroup_fd >= 0 && (errno == EOPNOTSUPP || errno == EBUSY)))) {
    pid = raw_clone(ns_flags, &pidfd);
  } else if (pid > 0) {
    child.into_cgroup = cgroup_fd >= 0;
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
