// tinycontainer executor — one sandboxed step (compile or run) through our own binary.
//
// Contract: run_step() posix_spawns `tinycontainer run --json -q ...` (child_process.hpp)
// with the step's limits, copy-ins, stdin file and command, and reads the Outcome back
// (outcome_parse.hpp). It never throws and always returns an Outcome: a spawn failure, a
// usage error of the child (exit 2) or unreadable JSON become internal_error with the
// child's message as reason; a child that outlives wall time + a grace period is killed
// (its sandbox dies with it through PR_SET_PDEATHSIG) and reported as internal_error.
// Everything the child creates (run directory, cgroup, mounts, processes) is cleaned by
// the child itself before it exits (docs/SANDBOX.md "Cleanup guarantees").
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "executor/child_process.hpp"
#include "executor/executor.hpp"
#include "executor/profile.hpp"
#include "runtime/outcome.hpp"

namespace tc::exec {

struct StepSpec {
  std::string tinycontainer;             // absolute path of our binary
  std::vector<std::string> process_env;  // environment of the spawned tinycontainer
  StepRuntime runtime = StepRuntime::linux;
  std::vector<std::string> command;  // expanded; wasm: command[0] is relative to module_dir
  std::filesystem::path module_dir;  // wasm only: where the module file lives on the host
  StepLimits limits;                 // every field set
  std::vector<std::pair<std::filesystem::path, std::string>> copy_in;  // host path → name
  std::optional<std::filesystem::path> keep_workspace;                 // must not exist
  std::string stdin_path;                                              // empty: /dev/null
  std::vector<std::string> allow_syscalls;
  std::vector<std::string> env;           // NAME=VALUE inside the sandbox
  std::string runtime_dir;                // --runtime-dir; empty: the default
  std::string cgroup_parent;              // --cgroup-parent; empty: below our own cgroup
  std::optional<std::uint32_t> uid_base;  // --uid-base
};

// The argv run_step() spawns (exposed for tests and docs).
[[nodiscard]] std::vector<std::string> step_argv(const StepSpec& spec);

[[nodiscard]] Outcome run_step(const StepSpec& spec) noexcept;

// Pieces shared with the warm pool (sandbox_pool.hpp): how a step's `tinycontainer run` is
// captured, and how its captured output becomes the step's Outcome.
[[nodiscard]] CaptureOptions step_capture_options(const StepSpec& spec);
[[nodiscard]] Outcome step_outcome(const Result<CapturedRun>& run);
// "<ceil(seconds * 1e6)>us", the duration text of --wall-time / --cpu-time; seconds is a
// validated limit (request_check.cpp: >= 0 and bounded).
[[nodiscard]] std::string micros_text(double seconds);

}  // namespace tc::exec
