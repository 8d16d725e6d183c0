// tinycontainer — turning what the supervisor observed into the one Outcome.
//
// Contract: pure. The first cause that ended the run wins (monitor.hpp): setup_error,
// internal_error, time_limit ("wall"), output_limit ("stdout"/"stderr"),
// security_violation (violation_syscall set), signaled (our own SIGINT/SIGTERM/SIGHUP,
// reason "interrupted"). Otherwise the workload's wait status decides: exit 0 → ok,
// exit n → runtime_error, signal → signaled, except SIGXFSZ (RLIMIT_FSIZE exceeded) →
// output_limit with reason "fsize". No report from init at all → internal_error.
// A command that could not be executed is setup_error with exit_code 127 (not found) or
// 126 (other execve errors), what the workload process really exited with.
// Usage figures come from init's rusage, which includes the workload it reaped.
#pragma once

#include "linux/monitor.hpp"
#include "runtime/outcome.hpp"

namespace tc::sandbox {

[[nodiscard]] Outcome classify(MonitorResult r, double wall_seconds);

}  // namespace tc::sandbox
