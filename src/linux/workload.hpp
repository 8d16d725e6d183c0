// tinycontainer — the last steps of the workload process (pid 2 of the sandbox) before
// execve, in this order:
//   signal mask and dispositions reset; rlimits; drop_privileges (capabilities.hpp: the --cap-add
//   set or nothing in all five capability sets, securebits, setgroups/setresgid/setresuid,
//   no_new_privs); every fd > 2 marked close-on-exec (close_range); chdir(cwd); the seccomp filter,
//   when given, as the very last step (with user notification its listener fd is sent to the
//   supervisor); execve of args[0] (searched in the spec's PATH when it has no '/').
// Contract: never returns. On any failure it sends a setup_error (phase + errno + what) on
// the status channel and exits 127 without running anything; the status channel is
// close-on-exec, so a successful execve leaves the workload with only fds 0, 1, 2.
#pragma once

#include "linux/sandbox_spec.hpp"

namespace tc::sandbox {

// The seccomp filter the workload installs: the spec's, or one the supervisor sent later
// (the release message, status_channel.hpp) when the spec has none.
struct SeccompFilter {
  const sock_filter* program = nullptr;
  std::size_t length = 0;
  bool user_notify = false;
};

[[noreturn]] void run_workload(const SandboxSpec& spec, int status_fd, bool setgroups_allowed,
                               const SeccompFilter& late = {}) noexcept;

}  // namespace tc::sandbox
