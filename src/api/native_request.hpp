// tinycontainer api — the native request schema of POST /v1/executions (docs/API.md).
//
// Contract: parse_native_request() accepts exactly the documented schema. Bad JSON, a
// wrong type, a missing required field, an unknown field or a count above `limits` is an
// Error (Phase::usage) whose message names the field. Limits are returned as requested
// (not yet clamped: the server clamps them against the language profile and its maxima).
// Pure function: no I/O, safe on any input (fuzzed by tests/fuzz/api_request_fuzz.cpp).
#pragma once

#include <string_view>

#include "api/limits.hpp"
#include "common/error.hpp"
#include "executor/executor.hpp"

namespace tc::api {

struct NativeRequest {
  exec::ExecutionRequest execution;
  bool async = false;  // "async": true → 202 + id, result fetched from GET /v1/executions/{id}
};

[[nodiscard]] Result<NativeRequest> parse_native_request(std::string_view body,
                                                         const ServerLimits& limits);

}  // namespace tc::api
