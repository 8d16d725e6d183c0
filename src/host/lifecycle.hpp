// tinycontainer host — the lifecycle state machine of control.hpp as data: which states
// each control operation is allowed from, and the error for an invalid transition.
#pragma once

#include <span>
#include <string_view>

#include "common/error.hpp"
#include "host/control.hpp"

namespace tc::host {

enum class Operation : std::uint8_t { start, suspend, resume, stop };

[[nodiscard]] std::string_view to_string(Operation op) noexcept;
// The states `op` is allowed from (control.hpp).
[[nodiscard]] std::span<const State> allowed_from(Operation op) noexcept;
// Ok, or Error(Phase::usage) "container 'c1' is stopped: cannot suspend (allowed from running)".
[[nodiscard]] Result<void> check_transition(std::string_view uid, State current, Operation op);

}  // namespace tc::host
