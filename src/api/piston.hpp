// tinycontainer api — Piston v2 compatibility (engineer-man/piston docs/api-v2.md).
//
// Contract:
//  * parse_piston_request() accepts Piston's POST /api/v2/execute body: language (name or
//    alias), version (a SemVer-style selector: "*", "3", "3.11.x", "3.11.2"), files[{name?,
//    content, encoding? utf8|base64|hex}], stdin, args, compile_timeout/run_timeout (ms),
//    compile_cpu_time/run_cpu_time (ms), compile_memory_limit/run_memory_limit (bytes, -1 =
//    the server maximum). Unknown fields are ignored, as Piston does. A nameless first file
//    takes the language's source file name. Errors are messages for {"message": ...}.
//  * piston_response(): {language, version, run{stdout, stderr, output, code, signal,
//    message, status, wall_time, cpu_time, memory}, compile{...} iff the language compiles}.
//    A limit kill without a recorded signal reads as signal "SIGKILL", code null (as Piston
//    reports its kills). `run` is absent when compilation failed (as in Piston). `output` is stdout followed by
//    stderr (we capture the streams separately; Piston interleaves them).
//  * piston_runtimes(): [{language, version, aliases}] for GET /api/v2/runtimes.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "api/limits.hpp"
#include "common/error.hpp"
#include "executor/executor.hpp"

namespace tc::api {

[[nodiscard]] Result<exec::ExecutionRequest> parse_piston_request(
    std::string_view body, const std::vector<exec::LanguageInfo>& languages,
    const ServerLimits& limits);

// True when `version` satisfies the selector ("*"/"x"/"" match anything; missing trailing
// components and "x" components are wildcards; a leading "^", "~" or "=" is ignored).
[[nodiscard]] bool version_matches(std::string_view selector, std::string_view version);

[[nodiscard]] nlohmann::json piston_response(const exec::ExecutionResult& result);
[[nodiscard]] nlohmann::json piston_runtimes(const std::vector<exec::LanguageInfo>& languages);

}  // namespace tc::api
