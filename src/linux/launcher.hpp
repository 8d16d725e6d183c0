// tinycontainer — the supervisor: runs one SandboxSpec and returns its Outcome.
//
// Contract: launch() never throws and never leaves anything behind: no process (init is
// killed through its pidfd and the kernel kills the rest of the pid namespace), no mount
// (they live in the sandbox's private mount namespace), no run directory (RunDir RAII), no
// fd. Setup problems before the workload starts give Status::setup_error with the phase and
// errno; the workload never runs then. The caller must be single-threaded
// (single_thread.hpp) — otherwise internal_error. While it runs, SIGINT/SIGTERM/SIGHUP are
// taken through a signalfd (the sandbox is killed and the outcome says "interrupted") and
// SIGPIPE is ignored; both are restored on return.
//
// Integration points for the cgroup and seccomp layers are plain data and callbacks:
//   clone_into_cgroup_fd  >= 0: clone3(CLONE_INTO_CGROUP) into that cgroup (fallback: clone,
//                         then attach_cgroup does the move)
//   attach_cgroup(pid)    called after the id maps are written, while init builds the root
//                         filesystem (our code) and before init may start the workload: init
//                         waits for a second byte on the sync pipe before it spawns it. An
//                         error aborts the run as setup_error (the workload never exists)
//   self_attach_fds       instead of attach_cgroup (when non-empty): fds open for writing on
//                         cgroup v1 `tasks` files, passed to init with the release message;
//                         the workload writes "0" to each just before its execve (joining
//                         the run cgroup itself, which skips the kernel's global threadgroup
//                         lock and its RCU grace period) and closes them; init never joins
//   late_cgroup(pid)      instead of both: called at the same point as attach_cgroup, so the
//                         run cgroup is created while init builds the root filesystem (not
//                         before the clone); returns the `tasks` fds to pass as above, or
//                         none (it attached `pid` itself, or there is no cgroup). An error
//                         aborts the run as setup_error (the workload never exists)
//   late_seccomp()        when the spec has no seccomp_program: called after the id maps are
//                         written (while init builds the root filesystem) for the filter,
//                         which the release message carries to init; the workload installs
//                         it as its last step before execve, as it would the spec's. Its
//                         on_notification replaces on_seccomp_notification. An error aborts
//                         the run as setup_error (the workload never exists)
//   on_workload_exit()    called once when init reports the workload's exit, while init
//                         itself still exits: a run cgroup only the workload joined holds
//                         nothing the sandbox still needs, so it can be measured and removed
//                         now, in parallel with the namespace teardown. When init reports
//                         that no other process is left, the launcher removes the run
//                         directory at the same point (unless it is to be kept)
//   housekeeping()        called once after the sandbox is released, while init still builds
//                         the root filesystem: work that must not delay the start (reaping
//                         leftovers of SIGKILLed runs) runs on the other CPU meanwhile
//   finalize_outcome(o)   called after the run (usage, OOM classification)
//   on_seccomp_notification(listener_fd)  called for each user notification; a returned
//                         name ends the run as security_violation with violation_syscall
//   on_tick()             called about every tick_interval while the sandbox runs (e.g.
//                         the cgroup layer's CPU-time budget: it kills through the cgroup
//                         and reclassifies in finalize_outcome)
//   await_command(sigfd)  required with spec.deferred_command (deferred_command.hpp):
//                         called once init reports the sandbox built (root filesystem,
//                         cgroup, namespaces); blocks until the command is known, watching
//                         `sigfd` (our SIGINT/SIGTERM/SIGHUP). nullopt = cancelled: the
//                         sandbox is torn down, nothing ran, the outcome is setup_error
//                         "cancelled". An Error (e.g. a malformed command) ends it the same
//                         way with that error. The wall-clock limit counts from the command.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/unique_fd.hpp"
#include "linux/deferred_command.hpp"
#include "linux/sandbox_spec.hpp"
#include "runtime/outcome.hpp"

namespace tc::sandbox {

// A seccomp filter prepared after the clone (late_seccomp below).
struct LateSeccomp {
  std::vector<sock_filter> program;
  bool user_notify = false;
  std::function<std::optional<std::string>(int listener_fd)> on_notification;
};

struct LaunchHooks {
  int clone_into_cgroup_fd = -1;
  std::function<Result<void>(pid_t)> attach_cgroup;
  std::vector<int> self_attach_fds;
  std::function<Result<std::vector<UniqueFd>>(pid_t)> late_cgroup;
  std::function<void()> on_workload_exit;
  std::function<Result<LateSeccomp>()> late_seccomp;
  std::function<void(Outcome&)> finalize_outcome;
  std::function<void()> housekeeping;
  std::function<std::optional<std::string>(int listener_fd)> on_seccomp_notification;
  std::chrono::milliseconds tick_interval{0};  // > 0 enables on_tick
  std::function<void()> on_tick;
  std::function<Result<std::optional<DeferredCommand>>(int signal_fd)> await_command;
};

[[nodiscard]] Outcome launch(const SandboxSpec& spec, const LaunchHooks& hooks = {}) noexcept;

}  // namespace tc::sandbox
