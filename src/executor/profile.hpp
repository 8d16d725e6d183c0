// tinycontainer executor — a language profile: how to detect, compile and run one language.
//
// Contract: profiles are data (languages/*.json, docs/EXECUTOR.md "Language profiles").
// parse_profile() is strict: unknown fields, wrong types, empty commands, unknown
// placeholders, malformed limits and names are Phase::config errors whose message names
// the source and the JSON path ("languages/c.json: compile.command[2]: ..."). It never
// throws and never runs anything; version detection is a separate step (toolchain.hpp).
//
// Command placeholders (each must be a whole argv element):
//   {entry}    the entry file (first submitted file)
//   {sources}  every submitted file whose name ends with one of source_extensions (all
//              files when the list is empty), in submission order; expands to 0..n elements
//   {args}     the request's program arguments (run commands only); 0..n elements
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "executor/executor.hpp"

namespace tc::exec {

// Where a step runs: a Linux sandbox (`tinycontainer run -- CMD`) or our WebAssembly
// engine (`tinycontainer run --runtime wasm MODULE`).
enum class StepRuntime { linux, wasm };

struct StepProfile {
  std::vector<std::string> command;  // with placeholders
  StepLimits limits;                 // defaults; every field set after parsing
  StepRuntime runtime = StepRuntime::linux;
};

struct VersionProbe {
  std::vector<std::string> command;  // run on the host, e.g. ["gcc", "--version"]
  std::string regex;                 // first capture group = the version
};

struct LanguageProfile {
  std::string name;
  std::vector<std::string> aliases;
  VersionProbe version;
  std::string source_file;                     // default entry name, e.g. "main.c"
  std::vector<std::string> source_extensions;  // for {sources}; empty = all files
  std::optional<StepProfile> compile;
  StepProfile run;
  std::vector<std::string> allow_syscalls;  // added to the default seccomp profile
  std::vector<std::string> env;             // "NAME=VALUE" for every step
  std::vector<std::string> requires_files;  // host paths that must exist to advertise it
};

// Parses one profile document. `source` names it in error messages.
[[nodiscard]] Result<LanguageProfile> parse_profile(std::string_view json_text,
                                                    std::string_view source);

// The command with placeholders replaced (see above). Never fails: the profile was
// validated, so only known placeholders remain.
[[nodiscard]] std::vector<std::string> expand_command(const std::vector<std::string>& command,
                                                      const LanguageProfile& profile,
                                                      const std::vector<SourceFile>& files,
                                                      const std::vector<std::string>& args);

}  // namespace tc::exec
