// tinycontainer — what a run's cgroup reports after (or during) the run.
//
// Contract: plain data. Times are nanoseconds. Optional fields are empty when this
// kernel/backend does not expose them; `pids_peak_sampled` says the peak came from the
// supervisor sampling pids.current rather than from the kernel's pids.peak.
#pragma once

#include <cstdint>
#include <optional>

namespace tc::cgroup {

enum class CgroupVersion { v1, v2 };

struct Figures {
  std::uint64_t cpu_usage_ns = 0;   // v2 cpu.stat usage_usec; v1 cpuacct.usage
  std::uint64_t cpu_user_ns = 0;    // v2 user_usec; v1 cpuacct.usage_user or cpuacct.stat
  std::uint64_t cpu_system_ns = 0;  // v2 system_usec; v1 cpuacct.usage_sys or cpuacct.stat
  std::optional<std::uint64_t> memory_peak_bytes;  // memory.peak / memory.max_usage_in_bytes
  std::uint64_t oom_kills = 0;          // memory.events oom_kill / memory.oom_control oom_kill
  std::uint64_t memory_limit_hits = 0;  // memory.events max / memory.failcnt
  std::optional<std::uint64_t> pids_peak;
  bool pids_peak_sampled = false;
  std::uint64_t pids_limit_hits = 0;  // pids.events max: forks refused by pids.max
  std::uint64_t nr_periods = 0;       // cpu.stat: CFS bandwidth periods
  std::uint64_t nr_throttled = 0;     // periods in which the group was throttled
  std::uint64_t throttled_ns = 0;     // v2 throttled_usec; v1 throttled_time
};

}  // namespace tc::cgroup
