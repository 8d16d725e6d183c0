// tinycontainer — the supervisor's event loop over one running sandbox.
//
// Contract: monitor() multiplexes, with ppoll and no threads: the init pidfd, the status
// channel, the workload's stdout/stderr pipes (bounded by OutputCapture), the stdin pipe
// (when feeding a string), a signalfd (SIGINT/SIGTERM/SIGHUP sent to us), the seccomp
// listener (once the workload passes it), the wall-clock deadline and an optional periodic
// tick for hooks (CPU-time budgets), and a hook called when init reports the workload's
// exit (before init itself is gone). The first cause that
// ends the run is recorded once (wall time, output limit, seccomp violation, our own
// signal, setup error); ending = SIGKILL to init through its pidfd, which makes the kernel
// kill the whole pid namespace. It returns after init has been reaped (wait4, with its
// rusage, which includes the reaped workload) and both output pipes reached EOF (bounded by
// a short grace period). It never blocks longer than the deadline plus that grace period.
#pragma once

#include <sys/resource.h>
#include <sys/types.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "common/error.hpp"
#include "common/unique_fd.hpp"
#include "linux/output_capture.hpp"

namespace tc::sandbox {

struct MonitorInputs {
  pid_t init_pid = -1;
  int pidfd = -1;
  UniqueFd status;
  UniqueFd stdout_r;
  UniqueFd stderr_r;
  UniqueFd stdin_w;  // valid when feeding stdin_data
  std::string_view stdin_data;
  int signal_fd = -1;
  std::chrono::steady_clock::time_point deadline;
  std::uint64_t output_limit = 0;
  bool stream = false;
  std::function<std::optional<std::string>(int)> on_seccomp_notification;
  std::chrono::milliseconds tick_interval{0};  // > 0: call on_tick that often while running
  std::function<void()> on_tick;
  // once, when init reports the workload's exit; `alone`: no other process is left in the
  // sandbox (init reaped every orphan), so nothing can touch the workspace any more
  std::function<void(bool alone)> on_workload_exit;
};

enum class EndCause {
  none,
  wall_time,
  output_limit,
  seccomp_violation,
  supervisor_signal,
  setup_error,
  internal
};

struct MonitorResult {
  EndCause cause = EndCause::none;     // the first cause of a kill, or none (natural end)
  std::optional<int> workload_status;  // as reported by init
  std::optional<Error> error;          // setup_error or internal details
  std::optional<int> supervisor_signal;
  std::optional<std::string> violation_syscall;
  int init_status = 0;
  rusage init_usage{};
  CapturedStream out;
  CapturedStream err;
};

[[nodiscard]] MonitorResult monitor(MonitorInputs in);

}  // namespace tc::sandbox
