#include "linux/cgroup/classify.hpp"

namespace tc::cgroup {

void apply_figures(Outcome& outcome, const Figures& figures) {
  outcome.usage.user_seconds = static_cast<double>(figures.cpu_user_ns) / 1e9;
  outcome.usage.sys_seconds = static_cast<double>(figures.cpu_system_ns) / 1e9;
  if (figures.memory_peak_bytes) outcome.usage.peak_memory_bytes = figures.memory_peak_bytes;
  if (figures.pids_peak) outcome.usage.peak_pids = figures.pids_peak;
}

void classify_outcome(Outcome& outcome, const Figures& figures, const Limits& limits) {
  switch (outcome.status) {
    case Status::setup_error:
    case Status::internal_error:
    case Status::security_violation:
    case Status::time_limit:
      return;
    default:
      break;
  }
  if (figures.oom_kills > 0) {
    outcome.status = Status::memory_limit;
    outcome.reason = "oom";
    return;
  }
  if (limits.cpu_time &&
      figures.cpu_usage_ns >= static_cast<std::uint64_t>(limits.cpu_time->count())) {
    outcome.status = Status::time_limit;
    outcome.reason = "cpu";
  }
}

}  // namespace tc::cgroup
