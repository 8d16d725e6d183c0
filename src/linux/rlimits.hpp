// tinycontainer — process resource limits (OCI process.rlimits) for the workload.
//
// Contract: apply_rlimits() calls setrlimit for each entry, in order, and fails on the first
// error (Phase::setup). Note: RLIMIT_NPROC is counted per (user namespace, uid) by the kernel
// — see docs/SANDBOX.md; cgroup pids.max is the real process limit.
#pragma once

#include <vector>

#include "common/error.hpp"
#include "linux/sandbox_spec.hpp"

namespace tc::sandbox {

[[nodiscard]] Result<void> apply_rlimits(const std::vector<Rlimit>& limits);

}  // namespace tc::sandbox
