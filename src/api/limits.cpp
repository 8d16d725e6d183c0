#include "api/limits.hpp"

#include <algorithm>

namespace tc::api {

namespace {
template <class T>
std::optional<T> clamp_one(const std::optional<T>& req, const std::optional<T>& def,
                           const std::optional<T>& max) {
  std::optional<T> v = req ? req : def;
  if (!v) return max;
  if (!max) return v;
  return std::min(*v, *max);
}
}  // namespace

exec::StepLimits clamp(const exec::StepLimits& r, const exec::StepLimits& d,
                       const exec::StepLimits& m) {
  return exec::StepLimits{clamp_one(r.wall_seconds, d.wall_seconds, m.wall_seconds),
                          clamp_one(r.cpu_seconds, d.cpu_seconds, m.cpu_seconds),
                          clamp_one(r.memory_bytes, d.memory_bytes, m.memory_bytes),
                          clamp_one(r.pids, d.pids, m.pids),
                          clamp_one(r.output_bytes, d.output_bytes, m.output_bytes)};
}

}  // namespace tc::api
