// tinycontainer executor — pre-built sandboxes (a warm pool) for Linux steps.
//
// Why: a step's sandbox costs ≈ 5 ms to build (namespaces, mounts, the v1 cgroup attach's
// RCU grace period, our CLI's start-up) before the workload's first instruction; a Python
// hello world is ≈ 9 ms. The pool builds sandboxes ahead of time, so a request pays only
// for handing over the command, the workload itself and the teardown.
//
// Contract:
//  * A pooled sandbox is a `tinycontainer run --json -q --command-fd 3 <shape>` process
//    (linux/deferred_command.hpp, executor/command_doc.hpp): everything is built — its own
//    namespaces, root filesystem, workspace, run cgroup with the step's limits, seccomp
//    filter — but no workload exists until a command arrives. Each sandbox runs at most ONE
//    command and is then torn down like any run: nothing is shared between requests.
//  * The shape (everything fixed at build time: memory, pids, CPU time, extra syscalls,
//    runtime dir, cgroup parent, uid base) is the step_argv of a step minus its per-run
//    parts (command, env, stdin, copy-ins, keep-workspace, wall-time, output limit),
//    which travel in the command document.
//  * Sandboxes build in the background at SCHED_IDLE when we are root (`run
//    --idle-until-command`): building never takes CPU from running steps; the command
//    moves the sandbox back to SCHED_OTHER.
//  * run() takes the oldest *built* sandbox of the step's shape (it has said "ready"). None
//    there (a miss): nullopt, and the caller runs the step cold (step.hpp) — also when
//    sandboxes are still building, which on a saturated machine may take long at
//    SCHED_IDLE. A sandbox found dead is discarded. Every use or miss asks the background
//    thread to refill that shape up to `per_shape` idle sandboxes.
//  * At most `max_shapes` shapes are kept (least recently used shapes are dropped);
//    sandboxes idle longer than `max_idle` are cancelled. Cancelling = closing the command
//    socket: the sandbox sees EOF and tears itself down without running anything.
//  * The destructor cancels every idle sandbox and reaps every process it started; when
//    this process dies, each sandbox's command socket reaches EOF and it cleans up alone.
//  * Thread-safe; run() may be called from many threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "executor/executor.hpp"
#include "executor/step.hpp"
#include "runtime/outcome.hpp"

namespace tc::exec {

struct PoolConfig {
  std::size_t per_shape = 1;  // idle sandboxes kept per shape; 0 = no pool
  std::size_t max_shapes = 8;
  std::chrono::seconds max_idle{300};
};

using PoolStats = WarmPoolCounters;  // executor.hpp

class SandboxPool {
 public:
  SandboxPool(PoolConfig config, std::vector<std::string> process_env);
  ~SandboxPool();
  SandboxPool(const SandboxPool&) = delete;
  SandboxPool& operator=(const SandboxPool&) = delete;

  // The step in a pre-built sandbox of its shape, or nullopt (run it cold). Linux steps only.
  [[nodiscard]] std::optional<Outcome> run(const StepSpec& spec);

  // Starts building sandboxes of this step's shape without running anything (warm-up).
  void prepare(const StepSpec& spec);

  [[nodiscard]] PoolStats stats() const;

  class Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// The shape key of a step: the argv a pooled sandbox of it is started with.
[[nodiscard]] std::vector<std::string> pooled_argv(const StepSpec& spec);

}  // namespace tc::exec
