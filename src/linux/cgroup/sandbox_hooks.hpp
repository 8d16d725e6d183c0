// tinycontainer — the cgroup hooks handed to the sandbox launcher (linux/ core).
//
// Contract (agreed with the sandbox core): the launcher takes
//   clone_into_cgroup_fd  — >= 0: clone3(CLONE_INTO_CGROUP) into the run cgroup (v2);
//   attach_cgroup(pid)    — called while the child is blocked before its first
//                           workload instruction (v1, and v2 fallback);
//   self_attach_files     — v1: `tasks` files the workload joins by itself instead
//                           (run_cgroup.hpp self_attach_files; cheaper than attach_cgroup);
//   finalize_outcome(o)   — after the run: fills usage figures, appends the limits that
//                           were not enforced (plus "swap" when the memory limit could
//                           not disable swap) and classifies memory_limit / time_limit
//                           "cpu" (classify.hpp);
// and for the poll loop cpu_usage() (ns, one file read), kill_all() and sample().
// The hooks reference `run`: it must outlive them.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "linux/cgroup/limits.hpp"
#include "linux/cgroup/run_cgroup.hpp"
#include "runtime/outcome.hpp"

namespace tc::cgroup {

struct SandboxHooks {
  int clone_into_cgroup_fd = -1;
  std::function<Result<void>(pid_t)> attach_cgroup;
  std::vector<std::string> self_attach_files;
  std::function<void(Outcome&)> finalize_outcome;
  std::function<Result<std::uint64_t>()> cpu_usage;
  std::function<Result<void>()> kill_all;
  std::function<void()> sample;
};

[[nodiscard]] SandboxHooks make_sandbox_hooks(RunCgroup& run, const Limits& limits,
                                              std::vector<std::string> not_enforced = {});

}  // namespace tc::cgroup
