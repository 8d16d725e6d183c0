// tinycontainer executor — JSON form of an ExecutionResult and of the language list
// (`tinycontainer exec --json`, `tinycontainer languages --json`; the HTTP API may reuse it).
//
// Contract: field names are stable API:
//   {"language", "version", "status", "compile": Outcome|null, "runs": [Outcome...]}
// with Outcome as runtime/outcome_json.hpp. Languages: [{"name", "aliases", "version",
// "compiled", "source_file", "compile_limits": {...}|null, "run_limits": {...}}], limits as
// {"wall_seconds", "cpu_seconds", "memory_bytes", "pids", "output_bytes"} (null when unset).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <vector>

#include "executor/executor.hpp"

namespace tc::exec {

[[nodiscard]] nlohmann::json to_json(const ExecutionResult& result);
[[nodiscard]] nlohmann::json to_json(const StepLimits& limits);
[[nodiscard]] nlohmann::json to_json(const std::vector<LanguageInfo>& languages);

}  // namespace tc::exec
