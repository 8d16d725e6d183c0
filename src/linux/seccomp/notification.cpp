#include "linux/seccomp/notification.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>

#include "linux/seccomp/syscall_names.hpp"

namespace tc::seccomp {
namespace {

bool readable_now(int fd) {
  pollfd p{fd, POLLIN, 0};
  int rc;
  do {
    rc = poll(&p, 1, 0);
  } while (rc < 0 && errno == EINTR);
  return rc == 1 && (p.revents & POLLIN) != 0;
}

constexpr unsigned kPidfdThread = O_EXCL;  // PIDFD_THREAD (Linux 6.9)

// SIGKILL the process of thread `pid`, only if notification `id` is still pending
// (then `pid` is still the target: a pending notification pins it).
void kill_target(int listener_fd, pid_t pid, std::uint64_t id) {
  if (pid <= 0) return;
  int pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, 0));
  if (pidfd < 0) pidfd = static_cast<int>(syscall(SYS_pidfd_open, pid, kPidfdThread));
  const bool valid = ioctl(listener_fd, SECCOMP_IOCTL_NOTIF_ID_VALID, &id) == 0;
  if (valid) {
    if (pidfd >= 0)
      syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, nullptr, 0);
    else
      kill(pid, SIGKILL);  // pre-6.9 kernel, non-leader thread: id checked just above
  }
  if (pidfd >= 0) close(pidfd);
}

}  // namespace

NotificationHandler::NotificationHandler(std::size_t req_size, std::size_t resp_size,
                                         OnViolation mode)
    : req_(new unsigned char[req_size]),
      resp_(new unsigned char[resp_size]),
      req_size_(req_size),
      resp_size_(resp_size),
      mode_(mode) {}

Result<NotificationHandler> NotificationHandler::create(OnViolation mode) {
  seccomp_notif_sizes sizes{};
  if (syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes) != 0)
    return sys_error(Phase::security, "seccomp(SECCOMP_GET_NOTIF_SIZES)");
  return NotificationHandler(
      std::max<std::size_t>(sizes.seccomp_notif, sizeof(seccomp_notif)),
      std::max<std::size_t>(sizes.seccomp_notif_resp, sizeof(seccomp_notif_resp)), mode);
}

std::optional<std::string> NotificationHandler::handle(int listener_fd) {
  if (!readable_now(listener_fd)) return std::nullopt;
  std::memset(req_.get(), 0, req_size_);  // RECV requires a zeroed buffer
  auto* req = reinterpret_cast<seccomp_notif*>(req_.get());
  int rc;
  do {
    rc = ioctl(listener_fd, SECCOMP_IOCTL_NOTIF_RECV, req);
  } while (rc < 0 && errno == EINTR);
  if (rc < 0) return std::nullopt;  // ENOENT: target gone or interrupted
  std::string name = describe_syscall(req->data.arch, req->data.nr);
  if (mode_ == OnViolation::kill_target)
    kill_target(listener_fd, static_cast<pid_t>(req->pid), req->id);
  std::memset(resp_.get(), 0, resp_size_);
  auto* resp = reinterpret_cast<seccomp_notif_resp*>(resp_.get());
  resp->id = req->id;
  resp->error = -EPERM;
  resp->val = 0;
  resp->flags = 0;
  do {
    rc = ioctl(listener_fd, SECCOMP_IOCTL_NOTIF_SEND, resp);
  } while (rc < 0 && errno == EINTR);  // ENOENT: target died meanwhile; nothing waits
  return name;
}

Result<NotificationCallback> make_notification_callback(OnViolation mode) {
  auto handler = NotificationHandler::create(mode);
  if (!handler) return std::unexpected(handler.error());
  auto shared = std::make_shared<NotificationHandler>(std::move(*handler));
  return NotificationCallback([shared](int fd) { return shared->handle(fd); });
}

}  // namespace tc::seccomp
