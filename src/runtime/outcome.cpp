#include "runtime/outcome.hpp"

#include <fmt/format.h>

#include <array>
#include <csignal>
#include <utility>

namespace tc {

namespace {
constexpr std::array<std::pair<Status, std::string_view>, 10> kStatusNames{{
    {Status::ok, "ok"},
    {Status::runtime_error, "runtime_error"},
    {Status::signaled, "signaled"},
    {Status::time_limit, "time_limit"},
    {Status::memory_limit, "memory_limit"},
    {Status::output_limit, "output_limit"},
    {Status::security_violation, "security_violation"},
    {Status::setup_error, "setup_error"},
    {Status::internal_error, "internal_error"},
    {Status::compile_error, "compile_error"},
}};
}  // namespace

std::string_view to_string(Status s) noexcept {
  for (const auto& [status, name] : kStatusNames)
    if (status == s) return name;
  return "internal_error";
}

std::optional<Status> status_from_string(std::string_view s) noexcept {
  for (const auto& [status, name] : kStatusNames)
    if (name == s) return status;
  return std::nullopt;
}

std::string signal_name(int signo) {
  const char* abbrev = sigabbrev_np(signo);
  if (abbrev == nullptr) return fmt::format("SIG{}", signo);
  return fmt::format("SIG{}", abbrev);
}

int cli_exit_code(const Outcome& o) noexcept {
  switch (o.status) {
    case Status::ok: return 0;
    case Status::runtime_error: return o.exit_code.value_or(1) != 0 ? o.exit_code.value_or(1) : 1;
    case Status::signaled: return 128 + o.signal.value_or(0);
    case Status::time_limit: return 124;
    case Status::output_limit: return 123;
    case Status::memory_limit: return 122;
    case Status::security_violation: return 121;
    case Status::setup_error: return 125;
    case Status::internal_error: return 120;
    case Status::compile_error: return 119;
  }
  return 120;
}

std::string summarize(const Outcome& o) {
  std::string out{to_string(o.status)};
  if (o.exit_code) out += fmt::format(": exit {}", *o.exit_code);
  if (o.signal) out += fmt::format(": {}", signal_name(*o.signal));
  if (!o.reason.empty()) out += fmt::format(" ({})", o.reason);
  out += fmt::format(", {:.2f} ms wall, {:.3f} s user, {:.3f} s sys", o.usage.wall_seconds * 1e3,
                     o.usage.user_seconds, o.usage.sys_seconds);
  if (o.usage.peak_memory_bytes)
    out += fmt::format(", peak {} KiB", *o.usage.peak_memory_bytes / 1024);
  if (o.stdout_stream.truncated) out += ", stdout truncated";
  if (o.stderr_stream.truncated) out += ", stderr truncated";
  for (const auto& l : o.limits_not_enforced) out += fmt::format(", {} not enforced", l);
  return out;
}

}  // namespace tc
