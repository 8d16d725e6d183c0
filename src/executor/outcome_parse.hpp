// tinycontainer executor — read back an Outcome printed by `tinycontainer run --json`
// (the inverse of runtime/outcome_json.hpp).
//
// Contract: accepts exactly what to_json(Outcome) emits; unknown fields are ignored (the
// writer may grow), a missing or mistyped known field is a Phase::decode error naming it.
// Signal names ("SIGKILL", "SIG<n>") are mapped back to numbers.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string_view>

#include "common/error.hpp"
#include "runtime/outcome.hpp"

namespace tc::exec {

[[nodiscard]] Result<Outcome> outcome_from_json(std::string_view text);

}  // namespace tc::exec
