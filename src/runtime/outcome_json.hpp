// tinycontainer — JSON form of an Outcome (the `--json` output and the HTTP API).
//
// Contract: field names are stable API. Optional values absent from the Outcome are
// emitted as null (exit_code, signal) or omitted (peak figures, violation_syscall).
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "runtime/outcome.hpp"

namespace tc {

[[nodiscard]] nlohmann::json to_json(const Outcome& o);

}  // namespace tc
