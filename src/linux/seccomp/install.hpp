// tinycontainer — installing a compiled filter in the workload, right before execve.
//
// Contract: every function here is async-signal-safe (raw syscalls only: no allocation,
// no locks, no libc state), so it may run in a child forked from a multi-threaded
// supervisor. Order in the child: drop capabilities (caps/cap_plan.hpp), set
// no_new_privs, install_filter(), pass the listener (if any) to the supervisor,
// close it, execve.
//   install_filter: seccomp(SECCOMP_SET_MODE_FILTER, flags, &prog) with
//     SECCOMP_FILTER_FLAG_NEW_LISTENER when user_notify. Returns the listener fd (>= 0,
//     close-on-exec) with user_notify, 0 without, or -errno. The caller must hold
//     no_new_privs (or CAP_SYS_ADMIN), else -EACCES. An empty program installs nothing
//     and returns -EINVAL.
//   send_fd: passes one fd over a connected AF_UNIX socket (SCM_RIGHTS); 0 or -errno.
//     The syscalls it uses (sendmsg, close) are allowed by every profile tinycontainer
//     ships, so it works after install_filter.
#pragma once

#include <linux/filter.h>

#include <cstddef>

namespace tc::seccomp {

[[nodiscard]] int set_no_new_privs() noexcept;
[[nodiscard]] int install_filter(const sock_filter* program, std::size_t length,
                                 bool user_notify) noexcept;
[[nodiscard]] int send_fd(int socket_fd, int fd_to_send) noexcept;

// Supervisor side of send_fd: receives one fd (made close-on-exec). fd or -errno.
[[nodiscard]] int receive_fd(int socket_fd) noexcept;

}  // namespace tc::seccomp
