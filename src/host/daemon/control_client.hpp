// tinycontainer host daemon — the client side of the control socket (`tinycontainer ctl`).
//
// Contract: request() connects to `path`, sends `request` as one line, reads one response
// line (at most max_response bytes, within `timeout`) and parses it. Transport failures
// are Phase::io errors naming the socket; a response that is not a JSON object is
// Phase::internal. The daemon's own {"ok": false} answers are returned as JSON, not as
// errors (the caller prints them).
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "common/error.hpp"

namespace tc::hostd {

[[nodiscard]] Result<nlohmann::json> request(const std::string& path, const nlohmann::json& request,
                                             std::chrono::milliseconds timeout,
                                             std::size_t max_response = std::size_t{64} << 20);

}  // namespace tc::hostd
