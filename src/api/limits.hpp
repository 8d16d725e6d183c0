// tinycontainer api — server maxima for per-request limits, and the clamp that applies them.
//
// Contract: clamp() returns limits with every field set: a requested value is lowered to
// the server maximum; an absent value takes the language profile's default, itself lowered
// to the maximum; when neither exists the maximum is used. No field ever exceeds the maximum,
// so a request can never buy more than the operator allows (docs/API.md "Limits").
#pragma once

#include "executor/executor.hpp"

namespace tc::api {

struct ServerLimits {
  exec::StepLimits compile_max{30.0, 30.0, 1024ULL << 20, 64, 1ULL << 20};
  exec::StepLimits run_max{10.0, 10.0, 512ULL << 20, 64, 1ULL << 20};
  std::size_t max_body_bytes = 1U << 20;  // request body; larger → 413
  std::size_t max_files = 64;
  std::size_t max_cases = 64;
  std::size_t max_args = 256;
};

[[nodiscard]] exec::StepLimits clamp(const exec::StepLimits& requested,
                                     const exec::StepLimits& profile_default,
                                     const exec::StepLimits& maximum);

}  // namespace tc::api
