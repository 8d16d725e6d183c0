// tinycontainer executor — the code-execution pipeline behind `tinycontainer exec` and the
// HTTP service: request → fresh workspace → source files → compile step (own sandbox, own
// limits) → one run step per test case → collect → clean up.
//
// Contract:
//  * Executor::execute() is thread-safe and may be called concurrently from many threads
//    of a multi-threaded process (the HTTP server). Sandboxes are never cloned from a
//    multi-threaded process (linux/single_thread.hpp): the executor spawns through a
//    single-threaded spawner (docs/EXECUTOR.md says which and why).
//  * A request the executor cannot run — unknown language/alias, version mismatch, no
//    files, a file name that is absolute or contains "..", limits out of range — is an
//    Error (Phase::usage) with a precise message naming the field; nothing is created.
//  * Limits: each unset field takes the language profile's default; the caller (the HTTP
//    server) clamps to its own maxima before calling.
//  * Every workspace, sandbox, cgroup and process of a request is gone when execute()
//    returns, whatever the outcome. With warm_pool > 0 the executor also keeps idle
//    pre-built sandboxes (sandbox_pool.hpp), each used by at most one step and cancelled
//    when the executor is destroyed.
//  * Result: `compile` is set iff the language has a compile step; when it failed,
//    status = compile_error and `runs` is empty. Otherwise one Outcome per test case, in
//    order; status = the first non-ok run's status, or ok.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "runtime/outcome.hpp"

namespace tc::exec {

struct SourceFile {
  std::string name;     // relative path inside the workspace; the first file is the entry
  std::string content;
};

struct StepLimits {
  std::optional<double> wall_seconds;
  std::optional<double> cpu_seconds;
  std::optional<std::uint64_t> memory_bytes;
  std::optional<std::uint64_t> pids;
  std::optional<std::uint64_t> output_bytes;  // per stream
};

struct TestCase {
  std::string stdin_data;
};

struct ExecutionRequest {
  std::string language;            // name or alias ("python", "py", "c", ...)
  std::string version;             // "" or "*": the installed one; else must match
  std::vector<SourceFile> files;
  std::vector<std::string> args;   // passed to the program in each run step
  std::vector<TestCase> cases;     // empty = one case with empty stdin
  StepLimits compile_limits;
  StepLimits run_limits;
};

struct ExecutionResult {
  std::string language;            // canonical name
  std::string version;
  Status status = Status::internal_error;
  std::optional<Outcome> compile;
  std::vector<Outcome> runs;
};

struct LanguageInfo {
  std::string name;
  std::vector<std::string> aliases;
  std::string version;             // detected from the installed toolchain
  bool compiled = false;
  std::string source_file;         // default entry file name, e.g. "main.c"
  StepLimits default_compile_limits;
  StepLimits default_run_limits;
};

struct ExecutorConfig {
  std::string languages_dir;       // languages/*.json; "" = the installed default
  std::string work_root;           // parent of per-request workspaces; "" = default
  std::string tinycontainer_path;  // our own binary, when the spawner re-executes it
  unsigned max_parallel = 0;       // concurrent sandboxes; 0 = 4 × CPUs (measured, docs/EXECUTOR.md)
  // Added by the exec engineer (passed to every `tinycontainer run` step):
  std::string runtime_dir;         // --runtime-dir (per-run dirs); "" = run's default
  std::string cgroup_parent;       // --cgroup-parent; "" = below our own cgroup
  std::optional<std::uint32_t> uid_base;  // --uid-base (root only); unset = run's default
  std::size_t cache_max_entries = 512;           // compile cache bounds (on disk under
  std::uint64_t cache_max_bytes = 128ull << 20;  // work_root); 0 entries = no cache
  // Pre-built sandboxes per step shape (sandbox_pool.hpp); 0 = none (every step starts cold).
  // With a pool, the run step of every installed Linux language is warmed up at creation.
  std::size_t warm_pool = 0;
};

// Warm-pool counters (sandbox_pool.hpp); all zero without a pool.
struct WarmPoolCounters {
  std::uint64_t hits = 0;       // steps run in a pre-built sandbox
  std::uint64_t misses = 0;     // Linux steps that found none and started cold
  std::uint64_t built = 0;      // sandboxes started by the pool
  std::uint64_t discarded = 0;  // failed while building, expired or dropped
  std::size_t idle = 0;         // waiting for a command now (built or building)
  std::size_t ready = 0;        // of those, built
};

class Executor {
 public:
  virtual ~Executor() = default;
  [[nodiscard]] virtual WarmPoolCounters warm_pool() const { return {}; }
  // Installed languages only (profiles whose toolchain was found), sorted by name.
  [[nodiscard]] virtual std::vector<LanguageInfo> languages() const = 0;
  [[nodiscard]] virtual Result<ExecutionResult> execute(const ExecutionRequest& request) = 0;
};

// Loads the profiles, detects toolchain versions, starts the spawner.
[[nodiscard]] Result<std::unique_ptr<Executor>> make_executor(const ExecutorConfig& config);

}  // namespace tc::exec
