#include "runtime/outcome_json.hpp"

#include <nlohmann/json.hpp>

namespace tc {

namespace {
nlohmann::json stream_json(const CapturedStream& s) {
  return {{"data", s.data}, {"bytes", s.total_bytes}, {"truncated", s.truncated}};
}
}  // namespace

nlohmann::json to_json(const Outcome& o) {
  nlohmann::json j;
  j["status"] = to_string(o.status);
  j["reason"] = o.reason;
  j["exit_code"] = o.exit_code ? nlohmann::json(*o.exit_code) : nlohmann::json(nullptr);
  j["signal"] = o.signal ? nlohmann::json(signal_name(*o.signal)) : nlohmann::json(nullptr);
  if (o.violation_syscall) j["violation_syscall"] = *o.violation_syscall;
  nlohmann::json usage{{"wall_seconds", o.usage.wall_seconds},
                       {"user_seconds", o.usage.user_seconds},
                       {"sys_seconds", o.usage.sys_seconds}};
  if (o.usage.peak_memory_bytes) usage["peak_memory_bytes"] = *o.usage.peak_memory_bytes;
  if (o.usage.peak_pids) usage["peak_pids"] = *o.usage.peak_pids;
  if (o.usage.fuel_used) usage["fuel_used"] = *o.usage.fuel_used;
  j["usage"] = std::move(usage);
  j["stdout"] = stream_json(o.stdout_stream);
  j["stderr"] = stream_json(o.stderr_stream);
  j["limits_not_enforced"] = o.limits_not_enforced;
  return j;
}

}  // namespace tc
