// tinycontainer — supervisor side of seccomp user notification (SECCOMP_RET_USER_NOTIF).
//
// Contract: NotificationHandler::create() sizes its buffers once with
// seccomp(SECCOMP_GET_NOTIF_SIZES) (the kernel's structs may be larger than our headers).
// handle(listener_fd) is meant to be called when poll() reports the listener readable:
//   * it re-polls with a zero timeout first, so a stale readiness never blocks it;
//   * SECCOMP_IOCTL_NOTIF_RECV; if the target already died or was interrupted (ENOENT)
//     it returns nullopt;
//   * it names the syscall (syscall_names.hpp: "mount", "i386:getpid", "x32:getpid");
//   * with OnViolation::kill_target (the default) it SIGKILLs the target process BEFORE
//     answering, so the denied syscall never returns into the workload: it opens a
//     pidfd for the notification's pid (PIDFD_THREAD for non-leader threads, kernel
//     >= 6.9, else plain kill()), checks SECCOMP_IOCTL_NOTIF_ID_VALID (the pid is still
//     the target, not a recycled one), then signals. The pid is the target's pid as seen
//     from the supervisor's pid namespace (0 if invisible: then it only answers);
//   * it ALWAYS answers SECCOMP_IOCTL_NOTIF_SEND with error EPERM, so the target is
//     never left blocked (ENOENT from SEND = the target died meanwhile: ignored);
//   * it returns the name: the caller ends the run with security_violation.
// No allocation after create() except the returned string. Not thread-safe per object.
#pragma once

#include <linux/seccomp.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "common/error.hpp"

namespace tc::seccomp {

enum class OnViolation {
  kill_target,  // SIGKILL the offending process, then answer EPERM
  deny_only,    // only answer EPERM: the workload sees the error and continues
};

class NotificationHandler {
 public:
  [[nodiscard]] static Result<NotificationHandler> create(
      OnViolation mode = OnViolation::kill_target);

  [[nodiscard]] std::optional<std::string> handle(int listener_fd);

 private:
  NotificationHandler(std::size_t req_size, std::size_t resp_size, OnViolation mode);
  std::unique_ptr<unsigned char[]> req_;
  std::unique_ptr<unsigned char[]> resp_;
  std::size_t req_size_ = 0;
  std::size_t resp_size_ = 0;
  OnViolation mode_ = OnViolation::kill_target;
};

// The callback shape the sandbox supervisor takes (on_seccomp_notification).
using NotificationCallback = std::function<std::optional<std::string>(int listener_fd)>;
[[nodiscard]] Result<NotificationCallback> make_notification_callback(
    OnViolation mode = OnViolation::kill_target);

}  // namespace tc::seccomp
