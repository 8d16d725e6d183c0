#include "linux/cgroup/limits.hpp"

#include <algorithm>

#include "common/rounding.hpp"

namespace tc::cgroup {

Result<void> validate(const Limits& limits) {
  if (limits.memory_bytes && *limits.memory_bytes < (1u << 20))
    return make_error(Phase::usage, "memory limit " + std::to_string(*limits.memory_bytes) +
                                        " bytes is below the minimum of 1 MiB");
  if (limits.pids && *limits.pids == 0)
    return make_error(Phase::usage, "pids limit must be at least 1");
  if (limits.cpus && !(*limits.cpus > 0 && *limits.cpus <= 4096))
    return make_error(Phase::usage,
                      "cpus " + std::to_string(*limits.cpus) + " must be in (0, 4096]");
  if (limits.cpu_weight && (*limits.cpu_weight < 1 || *limits.cpu_weight > 10000))
    return make_error(Phase::usage,
                      "cpu weight " + std::to_string(*limits.cpu_weight) + " must be in 1..10000");
  if (limits.cpu_time && limits.cpu_time->count() <= 0)
    return make_error(Phase::usage, "cpu time budget must be positive");
  return {};
}

std::uint64_t cpu_quota_us(double cpus, std::uint64_t period_us) {
  // cpus in (0, 4096] (validate): the product is far below 2^64.
  return std::max<std::uint64_t>(kMinCpuQuotaUs,
                                 round_nonneg(cpus * static_cast<double>(period_us)));
}

std::string cpu_max_value(double cpus, std::uint64_t period_us) {
  return std::to_string(cpu_quota_us(cpus, period_us)) + " " + std::to_string(period_us);
}

std::uint64_t weight_to_shares(std::uint64_t weight) {
  return std::clamp<std::uint64_t>(weight * 1024 / 100, 2, 262144);
}

std::vector<std::string> limit_names(const Limits& limits) {
  std::vector<std::string> names;
  if (limits.memory_bytes) names.emplace_back("memory");
  if (limits.pids) names.emplace_back("pids");
  if (limits.cpus) names.emplace_back("cpus");
  if (limits.cpu_weight) names.emplace_back("cpu-weight");
  if (limits.cpu_time) names.emplace_back("cpu-time");
  return names;
}

}  // namespace tc::cgroup
