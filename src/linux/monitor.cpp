#include "linux/monitor.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <csignal>
#include <vector>

#include "linux/status_channel.hpp"

namespace tc::sandbox {

namespace {

using Clock = std::chrono::steady_clock;
constexpr auto kGrace = std::chrono::seconds(2);  // after init is gone, for pipes to drain

class Loop {
 public:
  explicit Loop(MonitorInputs in)
      : in_(std::move(in)),
        out_(in_.output_limit, in_.stream ? STDOUT_FILENO : -1),
        err_(in_.output_limit, in_.stream ? STDERR_FILENO : -1) {}

  MonitorResult run() {
    while (!finished()) {
      std::vector<pollfd> fds;
      add(fds, init_done_ ? -1 : in_.pidfd, POLLIN);
      add(fds, in_.status.get(), POLLIN);
      add(fds, in_.stdout_r.get(), POLLIN);
      add(fds, in_.stderr_r.get(), POLLIN);
      add(fds, in_.stdin_w.get(), POLLOUT);
      add(fds, in_.signal_fd, POLLIN);
      add(fds, listener_.get(), POLLIN);
      int n = wait(fds);
      if (n < 0) return fail("ppoll", errno);
      tick();
      if (n == 0) {
        on_timeout();
        continue;
      }
      for (const auto& p : fds)
        if (p.revents != 0) dispatch(p);
    }
    result_.out = out_.take();
    result_.err = err_.take();
    return std::move(result_);
  }

 private:
  static void add(std::vector<pollfd>& fds, int fd, short events) {
    if (fd >= 0) fds.push_back({fd, events, 0});
  }

  bool finished() const {
    if (!init_done_) return false;
    if (Clock::now() > init_done_at_ + kGrace) return true;
    // Every message init or the workload sent is read before the status channel's EOF.
    return !in_.stdout_r && !in_.stderr_r && !in_.status;
  }

  bool ticking() const {
    return in_.on_tick && in_.tick_interval.count() > 0 && !init_done_ && !killed_;
  }

  void tick() {
    if (!ticking()) return;
    auto now = Clock::now();
    if (now < next_tick_) return;
    next_tick_ = now + in_.tick_interval;
    in_.on_tick();
  }

  int wait(std::vector<pollfd>& fds) {
    auto limit =
        init_done_ ? init_done_at_ + kGrace : (killed_ ? Clock::now() + kGrace : in_.deadline);
    if (ticking()) limit = std::min(limit, next_tick_);
    auto left = std::max(Clock::duration::zero(), limit - Clock::now());
    auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(left).count();
    timespec ts{static_cast<time_t>(ns / 1'000'000'000), static_cast<long>(ns % 1'000'000'000)};
    int n;
    do n = ::ppoll(fds.data(), fds.size(), &ts, nullptr);
    while (n < 0 && errno == EINTR);
    return n;
  }

  void end(EndCause cause) {
    if (result_.cause == EndCause::none) result_.cause = cause;
    if (!killed_ && !init_done_) {
      ::syscall(SYS_pidfd_send_signal, in_.pidfd, SIGKILL, nullptr, 0);
      killed_ = true;
    }
  }

  MonitorResult fail(const char* what, int err) {
    result_.error = Error{Phase::internal, what, err};
    end(EndCause::internal);
    reap();
    result_.out = out_.take();
    result_.err = err_.take();
    return std::move(result_);
  }

  void on_timeout() {
    if (!init_done_ && !killed_ && Clock::now() >= in_.deadline) end(EndCause::wall_time);
  }

  void dispatch(const pollfd& p) {
    if (p.fd == in_.pidfd)
      reap();
    else if (p.fd == in_.status.get())
      on_status();
    else if (p.fd == in_.stdout_r.get())
      on_output(in_.stdout_r, out_);
    else if (p.fd == in_.stderr_r.get())
      on_output(in_.stderr_r, err_);
    else if (p.fd == in_.stdin_w.get())
      on_stdin(p.revents);
    else if (p.fd == in_.signal_fd)
      on_signal();
    else if (listener_ && p.fd == listener_.get())
      on_seccomp(p.revents);
  }

  void reap() {
    if (init_done_) return;
    int status = 0;
    pid_t r;
    do r = ::wait4(in_.init_pid, &status, 0, &result_.init_usage);
    while (r < 0 && errno == EINTR);
    result_.init_status = status;
    init_done_ = true;
    init_done_at_ = Clock::now();
    in_.stdin_w.reset();
  }

  void on_status() {
    auto msg = receive_status(in_.status.get());
    if (!msg) {
      result_.error = msg.error();
      end(EndCause::internal);
      in_.status.reset();
      return;
    }
    if (!*msg) {
      in_.status.reset();
      return;
    }
    switch ((*msg)->type) {
      case MessageType::setup_error:
        if (!result_.error) result_.error = (*msg)->error;
        end(EndCause::setup_error);
        break;
      case MessageType::workload_exit:
        result_.workload_status = (*msg)->wait_status;
        if (in_.on_workload_exit) in_.on_workload_exit((*msg)->alone);
        break;
      case MessageType::seccomp_listener:
        // Without a handler nobody could answer: closing the listener makes the kernel
        // fail the pending and future notified syscalls with ENOSYS.
        if (in_.on_seccomp_notification) listener_ = std::move((*msg)->passed_fd);
        break;
      case MessageType::sandbox_ready:  // consumed by the launcher before monitoring
        break;
    }
  }

  void on_output(UniqueFd& fd, OutputCapture& capture) {
    std::array<char, 65536> buf;
    ssize_t n = ::read(fd.get(), buf.data(), buf.size());
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;
    if (n <= 0) {
      fd.reset();
      return;
    }
    capture.append(std::string_view(buf.data(), static_cast<std::size_t>(n)));
    if (capture.exceeded()) end(EndCause::output_limit);
  }

  void on_stdin(short revents) {
    if ((revents & (POLLERR | POLLHUP)) != 0) {
      in_.stdin_w.reset();
      return;
    }
    auto rest = in_.stdin_data.substr(stdin_off_);
    ssize_t n = ::write(in_.stdin_w.get(), rest.data(), std::min<std::size_t>(rest.size(), 65536));
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) return;
    if (n < 0) {
      in_.stdin_w.reset();
      return;
    }
    stdin_off_ += static_cast<std::size_t>(n);
    if (stdin_off_ >= in_.stdin_data.size()) in_.stdin_w.reset();
  }

  void on_signal() {
    signalfd_siginfo info{};
    if (::read(in_.signal_fd, &info, sizeof info) != sizeof info) return;
    if (!result_.supervisor_signal) result_.supervisor_signal = static_cast<int>(info.ssi_signo);
    end(EndCause::supervisor_signal);
  }

  void on_seccomp(short revents) {
    if ((revents & POLLIN) != 0 && in_.on_seccomp_notification) {
      if (auto name = in_.on_seccomp_notification(listener_.get())) {
        if (!result_.violation_syscall) result_.violation_syscall = *name;
        end(EndCause::seccomp_violation);
      }
      return;
    }
    if ((revents & (POLLHUP | POLLERR)) != 0) listener_.reset();
  }

  MonitorInputs in_;
  OutputCapture out_;
  OutputCapture err_;
  MonitorResult result_;
  UniqueFd listener_;
  std::size_t stdin_off_ = 0;
  bool init_done_ = false;
  bool killed_ = false;
  Clock::time_point init_done_at_{};
  Clock::time_point next_tick_ = Clock::now() + in_.tick_interval;
};

}  // namespace

MonitorResult monitor(MonitorInputs in) {
  return Loop(std::move(in)).run();
}

}  // namespace tc::sandbox
