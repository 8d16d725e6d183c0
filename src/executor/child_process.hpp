// tinycontainer executor — run a host program and capture its output (thread-safe).
//
// Contract: run_captured() starts `argv` with posix_spawn (glibc: clone(CLONE_VM|
// CLONE_VFORK) + execve, safe from a multi-threaded process: the child runs no code of
// ours between fork and exec), stdin from `stdin_path` (or /dev/null), stdout and stderr
// into close-on-exec pipes read into buffers of at most `max_bytes` each (more is
// drained and dropped, `*_truncated` set). The program is looked up as given (a path; no
// PATH search). When `deadline` passes the child is SIGKILLed and `timed_out` is set.
// The child is always reaped before returning; no fd survives. Spawn failure is an Error.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/unique_fd.hpp"

namespace tc::exec {

struct CapturedRun {
  int wait_status = 0;  // as from waitpid
  std::string out;
  std::string err;
  bool out_truncated = false;
  bool err_truncated = false;
  bool timed_out = false;
  [[nodiscard]] bool exited_ok() const noexcept;
  [[nodiscard]] int exit_code() const noexcept;  // -1 when killed by a signal
};

struct CaptureOptions {
  std::string stdin_path;  // empty: /dev/null
  std::vector<std::string> env;  // the full environment of the child
  std::chrono::milliseconds timeout{10000};
  std::size_t max_bytes = 1 << 20;
  bool sched_idle = false;  // start the child under SCHED_IDLE (background work)
};

[[nodiscard]] Result<CapturedRun> run_captured(const std::vector<std::string>& argv,
                                               const CaptureOptions& options);

// The two halves of run_captured, for children that are started long before their output
// is collected (sandbox_pool.hpp). spawn_piped() also passes `fd3` (when >= 0) to the child
// as its fd 3 (the only fd above 2 it inherits). collect() drains both pipes until EOF or
// options.timeout (then SIGKILL, timed_out), and always reaps the child.
struct PipedChild {
  pid_t pid = -1;
  UniqueFd out;
  UniqueFd err;
};
[[nodiscard]] Result<PipedChild> spawn_piped(const std::vector<std::string>& argv,
                                             const CaptureOptions& options, int fd3 = -1);
[[nodiscard]] CapturedRun collect(PipedChild child, const CaptureOptions& options);

// `program` searched in the colon-separated `path` like execvp (only when it has no '/'):
// the first regular, executable file; "" when none.
[[nodiscard]] std::string find_program(const std::string& program, const std::string& path);

}  // namespace tc::exec
