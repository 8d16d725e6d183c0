#include "linux/classify.hpp"

#include <fmt/format.h>
#include <sys/wait.h>

#include <cerrno>
#include <csignal>

namespace tc::sandbox {

namespace {

double seconds(const timeval& tv) {
  return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
}

void from_wait_status(Outcome& o, int status) {
  if (WIFEXITED(status)) {
    o.exit_code = WEXITSTATUS(status);
    o.status = *o.exit_code == 0 ? Status::ok : Status::runtime_error;
    return;
  }
  if (WIFSIGNALED(status)) {
    o.signal = WTERMSIG(status);
    if (*o.signal == SIGXFSZ) {
      o.status = Status::output_limit;
      o.reason = "fsize";
      return;
    }
    o.status = Status::signaled;
    return;
  }
  o.status = Status::internal_error;
  o.reason = fmt::format("unexpected wait status {:#x}", status);
}

void from_cause(Outcome& o, const MonitorResult& r) {
  switch (r.cause) {
    case EndCause::setup_error:
      o.status = Status::setup_error;
      o.reason = r.error ? r.error->describe() : "setup failed";
      // The workload process did exit, with the shell's code for "cannot execute".
      if (r.error && r.error->phase == Phase::exec)
        o.exit_code = r.error->sys_errno == ENOENT || r.error->sys_errno == ENOTDIR ? 127 : 126;
      break;
    case EndCause::internal:
      o.status = Status::internal_error;
      o.reason = r.error ? r.error->describe() : "internal error";
      break;
    case EndCause::wall_time:
      o.status = Status::time_limit;
      o.reason = "wall";
      break;
    case EndCause::output_limit:
      o.status = Status::output_limit;
      o.reason = r.out.truncated ? "stdout" : "stderr";
      break;
    case EndCause::seccomp_violation:
      o.status = Status::security_violation;
      o.violation_syscall = r.violation_syscall;
      o.reason = "seccomp: " + r.violation_syscall.value_or("?");
      break;
    case EndCause::supervisor_signal:
      o.status = Status::signaled;
      o.signal = r.supervisor_signal;
      o.reason = fmt::format("interrupted: tinycontainer received {}",
                             signal_name(r.supervisor_signal.value_or(0)));
      break;
    case EndCause::none:
      break;
  }
}

}  // namespace

Outcome classify(MonitorResult r, double wall_seconds) {
  Outcome o;
  o.usage.wall_seconds = wall_seconds;
  o.usage.user_seconds = seconds(r.init_usage.ru_utime);
  o.usage.sys_seconds = seconds(r.init_usage.ru_stime);
  if (r.cause != EndCause::none) {
    from_cause(o, r);
  } else if (r.workload_status) {
    from_wait_status(o, *r.workload_status);
  } else {
    o.status = Status::internal_error;
    o.reason = r.error ? r.error->describe()
                       : fmt::format("sandbox init ended without reporting (wait status {:#x})",
                                     r.init_status);
  }
  o.stdout_stream = std::move(r.out);
  o.stderr_stream = std::move(r.err);
  return o;
}

}  // namespace tc::sandbox
