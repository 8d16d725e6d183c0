// tinycontainer host — the runtime abstraction layer: the one narrow interface every
// runtime (wasm, linux, ...) implements, and what the host hands to a runtime.
//
// Contract:
//  * Runtime::create(metadata, code, data, env) → an Instance, or Error (Phase::config for
//    bad code, Phase::instantiate for linking). Creation does not run guest code (except a
//    wasm module's own `start` section, bounded by fuel).
//  * A container's life is a sequence of *phases*: start, loop (many times), stop. The host
//    begins a phase with begin(phase, budget) and drives it with step(fuel) — one slice of
//    at most `fuel` instructions (or one poll, for a process) — until step() says the phase
//    is over. step() is noexcept and never blocks: the scheduler thread preempts at slice
//    boundaries, which is how budgets, priorities and preempt_resume are enforced.
//      start:  begin(start)  … step → done | failed
//      loop:   begin(loop)   … step → done (continue) | finished | failed
//      stop:   begin(stop)   … step → done | failed
//    A one-shot program (wasm `_start`, a linux command) is one long loop phase: begin(loop)
//    starts it once, later begin(loop) calls continue it; step → waiting when it has used its
//    share of this period (wasm) or is still running elsewhere (process).
//  * abandon() ends the current phase at once (skip / stop policies; the instance state
//    stays as the partial run left it — wasm cannot roll back linear memory).
//  * suspend()/resume(): a wasm instance needs nothing (the scheduler just stops stepping
//    it); a runtime that cannot pause returns Error(Phase::usage).
//  * trim() drops what only a running phase needs (the host calls it when the next release
//    is more than kTrimHorizon away), so an idle container stays small.
//  * kill() ends the workload immediately (process: SIGKILL + reap); finalize() releases
//    everything; the destructor implies both. No `if (type == ...)` outside the registry.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/error.hpp"
#include "metadata/metadata.hpp"

namespace tc::host {

class EndpointTable;
class OutputBuffer;

enum class PhaseKind : std::uint8_t { start, loop, stop };
[[nodiscard]] std::string_view to_string(PhaseKind p) noexcept;

enum class StepStatus : std::uint8_t {
  running,   // the phase has more work now: step again (cut at a slice boundary)
  waiting,   // nothing more to do now: step again after `retry_in` (0 = next period)
  done,      // the phase returned normally (loop: continue)
  finished,  // the container is finished (loop returned non-zero, program exited 0)
  failed,    // trap, non-zero exit, runtime error: `reason` says which
};

struct StepResult {
  StepStatus status = StepStatus::done;
  std::uint64_t fuel_used = 0;
  std::chrono::microseconds retry_in{0};
  std::string reason;
  std::optional<int> exit_code;
};

// What the host gives a runtime for one container.
struct InstanceEnv {
  EndpointTable* endpoints = nullptr;  // the container's endpoint dispatcher (never null)
  OutputBuffer* output = nullptr;      // bounded stdout/stderr capture (never null)
  std::string tinycontainer_path;      // our own binary (process runtimes)
};

class Instance {
 public:
  virtual ~Instance() = default;
  [[nodiscard]] virtual bool one_shot() const noexcept = 0;
  virtual void begin(PhaseKind phase, std::chrono::microseconds budget) noexcept = 0;
  virtual StepResult step(std::uint64_t fuel) noexcept = 0;
  virtual void abandon() noexcept = 0;
  virtual Result<void> suspend() { return {}; }
  virtual Result<void> resume() { return {}; }
  virtual void kill() noexcept = 0;
  virtual void finalize() noexcept {}
  // Between phases: release memory that only a running phase needs (wasm: the execution
  // stacks). The host calls it when the container's next release is far away.
  virtual void trim() noexcept {}
  // Bytes of host memory this instance holds, excluding wasm linear memory (approximate;
  // for the host's accounting and benchmarks).
  [[nodiscard]] virtual std::size_t footprint() const noexcept { return 0; }
};

class Runtime {
 public:
  virtual ~Runtime() = default;
  [[nodiscard]] virtual std::string_view type_id() const noexcept = 0;
  [[nodiscard]] virtual bool can_suspend() const noexcept { return true; }
  virtual Result<std::unique_ptr<Instance>> create(const metadata::Metadata& metadata,
                                                   std::span<const std::uint8_t> code,
                                                   std::span<const std::uint8_t> data,
                                                   const InstanceEnv& env) = 0;
};

}  // namespace tc::host
