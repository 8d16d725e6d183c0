// tinycontainer — the one outcome type shared by every runtime (Linux process, wasm).
//
// Contract: an Outcome is produced once per execution and describes exactly what
// happened. `status` is set once, by the first cause that ended the run (a limit that
// fired beats the signal it caused: a wall-clock kill is `time_limit`, not `signaled`).
// Captured output is bounded; `*_truncated` says when bytes were dropped.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tc {

enum class Status {
  ok,                  // exited with code 0
  runtime_error,       // exited with a non-zero code, or a wasm trap
  signaled,            // killed by a signal it did not ask for from us
  time_limit,          // wall-clock, CPU-time or fuel budget exhausted (reason says which)
  memory_limit,        // OOM-killed inside its cgroup, or wasm memory limit
  output_limit,        // wrote more than the output budget
  security_violation,  // attempted a forbidden operation (reason names it)
  setup_error,         // the sandbox could not be built; the workload never ran
  internal_error,      // a bug in tinycontainer
  compile_error,       // code-execution service: the compile step failed
};

[[nodiscard]] std::string_view to_string(Status s) noexcept;
[[nodiscard]] std::optional<Status> status_from_string(std::string_view s) noexcept;

struct Usage {
  double wall_seconds = 0;
  double user_seconds = 0;
  double sys_seconds = 0;
  std::optional<std::uint64_t> peak_memory_bytes;  // cgroup or wasm linear memory
  std::optional<std::uint64_t> peak_pids;
  std::optional<std::uint64_t> fuel_used;  // wasm only
};

struct CapturedStream {
  std::string data;
  std::uint64_t total_bytes = 0;  // bytes the workload wrote, kept or not
  bool truncated = false;
};

struct Outcome {
  Status status = Status::internal_error;
  std::string reason;                 // human detail: "wall", "cpu", trap text, syscall...
  std::optional<int> exit_code;       // when the workload exited
  std::optional<int> signal;          // when it was killed by a signal
  std::optional<std::string> violation_syscall;  // security_violation from seccomp
  Usage usage;
  CapturedStream stdout_stream;
  CapturedStream stderr_stream;
  std::vector<std::string> limits_not_enforced;  // e.g. rootless without cgroups
};

// Signal number → "SIGKILL"; unknown numbers → "SIG<n>".
[[nodiscard]] std::string signal_name(int signo);

// Exit status of the `tinycontainer` CLI for an outcome (documented in README):
//   ok → 0; runtime_error → the workload's exit code (1 for a wasm trap);
//   signaled → 128+signal; time_limit → 124; output_limit → 123; memory_limit → 122;
//   security_violation → 121; setup_error → 125; internal_error → 120;
//   compile_error → 119.
[[nodiscard]] int cli_exit_code(const Outcome& o) noexcept;

// One line for humans: "ok: exit 0, 1.23 ms wall, 0.00 s user, 0.00 s sys"
[[nodiscard]] std::string summarize(const Outcome& o);

}  // namespace tc
