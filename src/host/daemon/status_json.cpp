#include "host/daemon/status_json.hpp"

namespace tc::hostd {

std::string_view state_name(host::State s) noexcept {
  switch (s) {
    case host::State::loaded: return "loaded";
    case host::State::running: return "running";
    case host::State::suspended: return "suspended";
    case host::State::stopped: return "stopped";
    case host::State::finished: return "finished";
    case host::State::failed: return "failed";
  }
  return "unknown";
}

nlohmann::json status_to_json(const host::ContainerStatus& s) {
  const auto& st = s.stats;
  return {
      {"uid", s.uid},
      {"name", s.name},
      {"runtime", s.runtime},
      {"state", state_name(s.state)},
      {"revision", s.revision},
      {"priority", s.priority},
      {"loop_period_us", s.loop_period.count()},
      {"stats",
       {{"loops", st.loops},
        {"overruns", st.overruns},
        {"missed_periods", st.missed_periods},
        {"mean_loop_us", st.mean_loop_us},
        {"max_loop_us", st.max_loop_us},
        {"fuel_used", st.fuel_used},
        {"endpoint_calls", st.endpoint_calls},
        {"denials", st.denials}}},
      {"last_error", s.last_error},
      {"exit_code", s.exit_code ? nlohmann::json(*s.exit_code) : nlohmann::json(nullptr)},
      {"timed_out", s.timed_out},
  };
}

nlohmann::json error_to_json(const Error& e) {
  nlohmann::json j{{"phase", to_string(e.phase)}, {"message", e.describe()}};
  if (e.sys_errno != 0) j["errno"] = e.sys_errno;
  return j;
}

}  // namespace tc::hostd
