// tinycontainer — supervisor side of seccomp user notification (SECCOMP_RET_USER_NOTIF).
//
// Contract: NotificationHandler::create() sizes its buffers once with
// seccomp(SECCOMP_GET_NOTIF_SIZES) (the kernel's structs may be larger than our headers).
// handle(listener_fd) is meant to be called when poll() reports the listener readable:
//   * it re-polls with a zero timeout first, so a stale readiness never blocks it;
//   * SECCOMP_IOCTL_NOTIF_RECV; if the target already died or was interrupted (ENOENT)
//     it returns nullopt;
//   * it names the syscall (syscall_names.hpp: "mount", "i386:getpid", "x32:getpid");
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

class NotificationHandler {
 public:
  [[nodiscard]] static Result<NotificationHandler> create();

  [[nodiscard]] std::optional<std::string> handle(int listener_fd);

 private:
  NotificationHandler(std::size_t req_size, std::size_t resp_size);
  std::unique_ptr<unsigned char[]> req_;
  std::unique_ptr<unsigned char[]> resp_;
  std::size_t req_size_ = 0;
  std::size_t resp_size_ = 0;
};

// The callback shape the sandbox supervisor takes (on_seccomp_notification).
using NotificationCallback = std::function<std::optional<std::string>(int listener_fd)>;
[[nodiscard]] Result<NotificationCallback> make_notification_callback();

}  // namespace tc::seccomp
