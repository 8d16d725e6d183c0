// tinycontainer executor — validation of an ExecutionRequest before anything is created.
//
// Contract: check_request() returns the language to use and the effective limits of
// both steps (request value, else the profile's default), or a Phase::usage Error whose
// message names the field: "language: unknown language 'cobol' (installed: c, cpp, ...)",
// "files[1].name: ...", "run_limits.memory_bytes: 1 B is out of range [4.0 MiB, 64.0 GiB]".
// Bounds: names.hpp (file count and sizes, test cases, stdin sizes, args).
#pragma once

#include "common/error.hpp"
#include "executor/executor.hpp"
#include "executor/languages.hpp"

namespace tc::exec {

struct CheckedRequest {
  const InstalledLanguage* language = nullptr;
  StepLimits compile_limits;  // every field set
  StepLimits run_limits;      // every field set
};

[[nodiscard]] Result<CheckedRequest> check_request(const ExecutionRequest& request,
                                                   const LanguageSet& languages);

// `want` matches `installed` when empty, "*", equal, or a prefix ending at a '.' boundary
// ("3" and "3.11" match "3.11.2"; "3.1" does not).
[[nodiscard]] bool version_matches(std::string_view want, std::string_view installed) noexcept;

}  // namespace tc::exec
