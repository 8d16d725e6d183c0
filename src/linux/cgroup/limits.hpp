// tinycontainer — the resource limits of one run and their mapping to cgroup values.
//
// Contract: Limits holds what the user asked (CLI --memory, --pids, --cpus, --cpu-weight,
// --cpu-time); an empty optional means "no limit". validate() rejects values the kernel
// would reject or that make no sense (cpus <= 0, weight outside 1..10000, pids 0,
// memory below 1 MiB) with a Phase::usage error. The mapping functions are pure:
//   v2 cpu.max      = "<quota_us> <period_us>", quota = round(cpus * period), >= 1000 us
//   v1 cpu.shares   = weight * 1024 / 100, clamped to [2, 262144] (systemd's mapping:
//                     the default weight 100 is the default 1024 shares)
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"

namespace tc::cgroup {

struct Limits {
  std::optional<std::uint64_t> memory_bytes;         // memory.max / memory.limit_in_bytes
  std::optional<std::uint64_t> pids;                 // pids.max
  std::optional<double> cpus;                        // cpu.max / cpu.cfs_quota_us
  std::optional<std::uint64_t> cpu_weight;           // cpu.weight / cpu.shares
  std::optional<std::chrono::nanoseconds> cpu_time;  // enforced by the supervisor
};

inline constexpr std::uint64_t kCpuPeriodUs = 100000;
inline constexpr std::uint64_t kMinCpuQuotaUs = 1000;

[[nodiscard]] Result<void> validate(const Limits& limits);
[[nodiscard]] std::uint64_t cpu_quota_us(double cpus, std::uint64_t period_us = kCpuPeriodUs);
[[nodiscard]] std::string cpu_max_value(double cpus, std::uint64_t period_us = kCpuPeriodUs);
[[nodiscard]] std::uint64_t weight_to_shares(std::uint64_t weight);
// The names of the limits that are set: "memory", "pids", "cpus", "cpu-weight", "cpu-time".
[[nodiscard]] std::vector<std::string> limit_names(const Limits& limits);

}  // namespace tc::cgroup
