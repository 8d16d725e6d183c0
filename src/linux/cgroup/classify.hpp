// tinycontainer — turning a run cgroup's figures into the outcome (runtime/outcome.hpp).
//
// Contract: apply_figures() copies the cgroup's figures into outcome.usage (user/sys
// seconds, peak memory, peak pids). classify_outcome() is pure and decides the status:
//   - setup_error, internal_error, security_violation and time_limit are never changed
//     (they were set by the cause that ended the run);
//   - otherwise, an OOM kill inside the run's cgroup (figures.oom_kills > 0) makes it
//     memory_limit with reason "oom" — never just "signal 9";
//   - otherwise, total CPU time >= the --cpu-time budget makes it time_limit "cpu".
#pragma once

#include "linux/cgroup/figures.hpp"
#include "linux/cgroup/limits.hpp"
#include "runtime/outcome.hpp"

namespace tc::cgroup {

void apply_figures(Outcome& outcome, const Figures& figures);
void classify_outcome(Outcome& outcome, const Figures& figures, const Limits& limits);

}  // namespace tc::cgroup
