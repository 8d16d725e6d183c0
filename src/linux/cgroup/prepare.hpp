// tinycontainer — one call for the sandbox: the run cgroup and its launcher hooks.
//
// Contract: prepare_run(manager, limits, require_limits)
//   - computes the limits this host cannot enforce (manager.unenforceable());
//   - with require_limits and any of them missing: Error (Phase::cgroup) naming them and
//     why (manager.notes()) — the sandbox's --require-limits refusal;
//   - otherwise creates a run cgroup with the enforceable limits only and returns it
//     with its hooks (sandbox_hooks.hpp); finalize_outcome lists the missing limits in
//     Outcome::limits_not_enforced. When no cgroup can be created at all (rootless
//     without delegation), `run` is null and the hooks only have finalize_outcome (the
//     supervisor then has no cgroup CPU reading: cpu_usage/kill_all are empty).
// The hooks point into *run: keep the PreparedRun alive until finalize_outcome ran.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "linux/cgroup/manager.hpp"
#include "linux/cgroup/sandbox_hooks.hpp"

namespace tc::cgroup {

struct PreparedRun {
  std::unique_ptr<RunCgroup> run;  // null when no cgroup could be created
  SandboxHooks hooks;
  std::vector<std::string> not_enforced;
};

[[nodiscard]] Result<PreparedRun> prepare_run(CgroupManager& manager, const Limits& limits,
                                              bool require_limits);

}  // namespace tc::cgroup
