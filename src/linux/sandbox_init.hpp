// tinycontainer — pid 1 of the sandbox's pid namespace ("init"), our own code.
//
// Contract: run_init() runs in the freshly cloned child, which has fds 0-2 = the workload's
// stdio, `status_fd` (the status channel) and `sync_fd` (read end of the sync pipe), and
// nothing else. It
//   1. starts a new session (no controlling terminal, so no TIOCSTI into the caller's tty),
//      sets the hostname and brings lo up — steps that need no id mapping, done while the
//      supervisor writes the maps;
//   2. blocks until the supervisor has written the id maps (one byte on sync_fd; EOF means
//      the supervisor gave up: exit without doing anything);
//   3. becomes root of its user namespace, sets PR_SET_PDEATHSIG(SIGKILL), makes itself
//      non-dumpable (so the workload can never open /proc/1/exe or /proc/1/fd) and builds
//      the root filesystem (rootfs.hpp) — meanwhile the supervisor creates the run cgroup;
//      then it blocks for the release message on status_fd (status_channel.hpp; EOF: exit),
//      which carries the cgroup v1 `tasks` fds the workload will join (possibly none);
//      with spec.deferred_command it then reports sandbox_ready and blocks until the
//      supervisor sends the argv/env blob (deferred_command.hpp; EOF: exit, nothing ran);
//   4. starts the workload (pid 2, workload.hpp) with clone(CLONE_VM | CLONE_VFORK) on a
//      private stack (posix_spawn-style: init is suspended until the workload's execve, no
//      page-table copy) with the supervisor's full CPU set (cpu_spread.hpp: init itself keeps
//      off the supervisor's CPU before and after). The workload first writes "0" to each `tasks` fd (joining the run
//      cgroup: init itself stays out of it, so the cgroup is empty once the workload's
//      processes are gone) and unshares the cgroup namespace, so it sees its run cgroup as
//      "/"; a failure there is a setup_error and nothing runs. init then re-asserts
//      non-dumpable, closes its own stdio and the fds, drops its capabilities, and reaps
//      every process of the namespace until the workload exits; then it reports the
//      workload's exact wait status and exits, and the kernel kills whatever is left in the
//      pid namespace — nothing a workload spawns outlives it.
// Any failure before the fork is reported as setup_error and the workload never exists.
#pragma once

#include "linux/cpu_spread.hpp"
#include "linux/rootfs.hpp"
#include "linux/sandbox_spec.hpp"

namespace tc::sandbox {

struct InitContext {
  const SandboxSpec* spec = nullptr;
  RootfsPaths paths;
  int status_fd = -1;
  int sync_fd = -1;
  bool setgroups_allowed = true;
  const CpuSpread* cpus = nullptr;  // the supervisor's plan (a copy in init's memory)
};

[[noreturn]] void run_init(const InitContext& ctx) noexcept;

}  // namespace tc::sandbox
