#include "executor/outcome_parse.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

namespace tc::exec {

namespace {

using nlohmann::json;

std::unexpected<Error> bad(std::string_view field, std::string_view what) {
  return make_error(Phase::decode, fmt::format("outcome JSON: {}: {}", field, what));
}

std::optional<int> signal_number(const std::string& name) {
  for (int s = 1; s < 65; ++s)
    if (signal_name(s) == name) return s;
  return std::nullopt;
}

Result<CapturedStream> stream(const json& j, std::string_view field) {
  if (!j.is_object() || !j.contains("data") || !j["data"].is_string() || !j.contains("bytes") ||
      !j["bytes"].is_number_unsigned() || !j.contains("truncated") || !j["truncated"].is_boolean())
    return bad(field, "want {data: string, bytes: number, truncated: bool}");
  return CapturedStream{j["data"].get<std::string>(), j["bytes"].get<std::uint64_t>(),
                        j["truncated"].get<bool>()};
}

Result<Usage> usage(const json& j) {
  if (!j.is_object()) return bad("usage", "want an object");
  Usage u;
  for (auto [key, slot] : {std::pair{"wall_seconds", &u.wall_seconds},
                           std::pair{"user_seconds", &u.user_seconds},
                           std::pair{"sys_seconds", &u.sys_seconds}}) {
    if (!j.contains(key) || !j[key].is_number()) return bad(key, "want a number");
    *slot = j[key].get<double>();
  }
  for (auto [key, slot] : {std::pair{"peak_memory_bytes", &u.peak_memory_bytes},
                           std::pair{"peak_pids", &u.peak_pids},
                           std::pair{"fuel_used", &u.fuel_used}}) {
    if (!j.contains(key)) continue;
    if (!j[key].is_number_unsigned()) return bad(key, "want an unsigned number");
    *slot = j[key].get<std::uint64_t>();
  }
  return u;
}

Result<void> codes(const json& j, Outcome& o) {
  if (!j.contains("exit_code") || !(j["exit_code"].is_null() || j["exit_code"].is_number_integer()))
    return bad("exit_code", "want an integer or null");
  if (j["exit_code"].is_number_integer()) o.exit_code = j["exit_code"].get<int>();
  if (!j.contains("signal") || !(j["signal"].is_null() || j["signal"].is_string()))
    return bad("signal", "want a signal name or null");
  if (j["signal"].is_string()) {
    o.signal = signal_number(j["signal"].get<std::string>());
    if (!o.signal) return bad("signal", "unknown signal name");
  }
  if (j.contains("violation_syscall")) {
    if (!j["violation_syscall"].is_string()) return bad("violation_syscall", "want a string");
    o.violation_syscall = j["violation_syscall"].get<std::string>();
  }
  return {};
}

Result<Outcome> from(const json& j) {
  if (!j.is_object()) return bad("(top)", "want an object");
  Outcome o;
  if (!j.contains("status") || !j["status"].is_string()) return bad("status", "want a string");
  auto status = status_from_string(j["status"].get<std::string>());
  if (!status) return bad("status", "unknown status");
  o.status = *status;
  if (!j.contains("reason") || !j["reason"].is_string()) return bad("reason", "want a string");
  o.reason = j["reason"].get<std::string>();
  if (auto r = codes(j, o); !r) return std::unexpected(r.error());
  auto u = usage(j.contains("usage") ? j["usage"] : json());
  if (!u) return std::unexpected(u.error());
  o.usage = *u;
  auto out = stream(j.contains("stdout") ? j["stdout"] : json(), "stdout");
  if (!out) return std::unexpected(out.error());
  o.stdout_stream = std::move(*out);
  auto err = stream(j.contains("stderr") ? j["stderr"] : json(), "stderr");
  if (!err) return std::unexpected(err.error());
  o.stderr_stream = std::move(*err);
  if (j.contains("limits_not_enforced")) {
    const json& l = j["limits_not_enforced"];
    if (!l.is_array()) return bad("limits_not_enforced", "want an array of strings");
    for (const auto& s : l) {
      if (!s.is_string()) return bad("limits_not_enforced", "want an array of strings");
      o.limits_not_enforced.push_back(s.get<std::string>());
    }
  }
  return o;
}

}  // namespace

Result<Outcome> outcome_from_json(std::string_view text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded()) return bad("(top)", "not valid JSON");
  return from(j);
}

}  // namespace tc::exec
