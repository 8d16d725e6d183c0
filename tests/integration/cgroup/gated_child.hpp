// Test helper: a forked child that waits at a gate (a pipe) until the test has put it
// into a cgroup, then runs its body and _exit()s with the body's result. The test owns
// the child by pid: the destructor SIGKILLs and reaps it if the test did not.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <functional>
#include <stdexcept>

namespace tc::cgroup::testing {

class GatedChild {
 public:
  explicit GatedChild(const std::function<int()>& body) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2");
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork");
    if (pid_ == 0) {
      ::close(fds[1]);
      char c = 0;
      if (::read(fds[0], &c, 1) != 1) ::_exit(120);  // the test went away
      ::_exit(body());
    }
    ::close(fds[0]);
    gate_ = fds[1];
  }
  GatedChild(const GatedChild&) = delete;
  GatedChild& operator=(const GatedChild&) = delete;
  ~GatedChild() {
    if (gate_ >= 0) ::close(gate_);
    if (!reaped_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }

  [[nodiscard]] pid_t pid() const { return pid_; }
  void release() {
    const char c = 'g';
    if (::write(gate_, &c, 1) != 1) throw std::runtime_error("gate write");
    ::close(gate_);
    gate_ = -1;
  }
  // waitpid status.
  int wait() {
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
    reaped_ = true;
    return status;
  }

 private:
  pid_t pid_ = -1;
  int gate_ = -1;
  bool reaped_ = false;
};

}  // namespace tc::cgroup::testing
