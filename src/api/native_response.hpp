// tinycontainer api — JSON forms of the native API (docs/API.md "Responses").
//
// Contract: result_json() = {language, version, status, compile: Outcome|null, runs:
// [Outcome...]} with Outcome in runtime/outcome_json.hpp's stable form;
// languages_json() = {languages: [{name, aliases, version, compiled, source_file}]};
// error_json() = {error: <code>, message: <text>} for every native error response.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "executor/executor.hpp"

namespace tc::api {

[[nodiscard]] nlohmann::json result_json(const exec::ExecutionResult& result);
[[nodiscard]] nlohmann::json languages_json(const std::vector<exec::LanguageInfo>& languages);
[[nodiscard]] nlohmann::json error_json(std::string_view code, std::string_view message);

}  // namespace tc::api
