// tinycontainer host daemon — JSON forms shared by the control planes (Unix socket, CoAP)
// and `tinycontainer ctl --json`. Field names are stable API (docs/HOST-CONTROL.md).
//
//   status: {"uid","name","runtime","state","revision","priority","loop_period_us",
//            "stats":{"loops","overruns","missed_periods","mean_loop_us","max_loop_us","fuel_used",
//                     "endpoint_calls","denials"},
//            "last_error", "exit_code" (null when none), "timed_out"}
//   error:  {"phase": "usage"|"config"|"security"|..., "message": "...", "errno": n?}
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "common/error.hpp"
#include "host/control.hpp"

namespace tc::hostd {

[[nodiscard]] std::string_view state_name(host::State s) noexcept;
[[nodiscard]] nlohmann::json status_to_json(const host::ContainerStatus& s);
[[nodiscard]] nlohmann::json error_to_json(const Error& e);

}  // namespace tc::hostd
