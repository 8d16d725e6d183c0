// tinycontainer — creating the sandbox's first process in its new namespaces.
//
// Contract: clone_sandbox() is fork-like: it returns twice, {pid > 0, pidfd} in the caller
// and {pid 0} in the child, which starts in new user, mount, pid (as pid 1) and the
// optional uts/ipc/net namespaces. It uses clone3(CLONE_PIDFD [| CLONE_INTO_CGROUP]) and
// falls back to clone(CLONE_PIDFD) when the kernel refuses clone3 or CLONE_INTO_CGROUP
// (ENOSYS, E2BIG, EINVAL); `into_cgroup` then reports false and the caller attaches the
// child itself. The caller must be single-threaded (see single_thread.hpp): the child is a
// copy of the calling thread only. The pidfd is close-on-exec. The child never inherits a
// real-time scheduling policy or a negative nice value: SCHED_RESET_ON_FORK is set around
// the clone (and cleared again in the caller when it has CAP_SYS_NICE).
#pragma once

#include <sys/types.h>

#include "common/error.hpp"
#include "common/unique_fd.hpp"
#include "linux/sandbox_spec.hpp"

namespace tc::sandbox {

struct ClonedChild {
  pid_t pid = -1;  // 0 in the child
  UniqueFd pidfd;
  bool into_cgroup = false;
};

[[nodiscard]] unsigned long namespace_flags(const NamespaceSpec& ns) noexcept;

[[nodiscard]] Result<ClonedChild> clone_sandbox(unsigned long ns_flags, int cgroup_fd);

}  // namespace tc::sandbox
