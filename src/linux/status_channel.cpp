#include "linux/status_channel.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstring>

namespace tc::sandbox {

namespace {

constexpr std::size_t kMaxText = 480;

struct Wire {
  std::uint32_t type;
  std::int32_t phase;
  std::int32_t err;
  std::int32_t wait_status;
  std::uint32_t text_len;
  char text[kMaxText];
};

bool send_wire(int sock, const Wire& w, int fd) noexcept {
  iovec iov{const_cast<Wire*>(&w), offsetof(Wire, text) + w.text_len};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  alignas(cmsghdr) std::array<char, CMSG_SPACE(sizeof(int))> control{};
  if (fd >= 0) {
    msg.msg_control = control.data();
    msg.msg_controllen = control.size();
    cmsghdr* c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    std::memcpy(CMSG_DATA(c), &fd, sizeof(int));
  }
  ssize_t n;
  do n = ::sendmsg(sock, &msg, MSG_NOSIGNAL);
  while (n < 0 && errno == EINTR);
  return n >= 0;
}

}  // namespace

bool send_setup_error(int sock, const Error& error) noexcept {
  Wire w{};
  w.type = static_cast<std::uint32_t>(MessageType::setup_error);
  w.phase = static_cast<std::int32_t>(error.phase);
  w.err = error.sys_errno;
  w.text_len = static_cast<std::uint32_t>(std::min(error.message.size(), kMaxText));
  std::memcpy(w.text, error.message.data(), w.text_len);
  return send_wire(sock, w, -1);
}

bool send_workload_exit(int sock, int wait_status, bool alone) noexcept {
  Wire w{};
  w.type = static_cast<std::uint32_t>(MessageType::workload_exit);
  w.wait_status = wait_status;
  w.err = alone ? 1 : 0;  // the field carries the flag in this message
  return send_wire(sock, w, -1);
}

bool send_fd(int sock, MessageType type, int fd) noexcept {
  Wire w{};
  w.type = static_cast<std::uint32_t>(type);
  return send_wire(sock, w, fd);
}

bool send_sandbox_ready(int sock) noexcept {
  Wire w{};
  w.type = static_cast<std::uint32_t>(MessageType::sandbox_ready);
  return send_wire(sock, w, -1);
}

namespace {
constexpr char kRelease = 'R';        // no filter in the message
constexpr char kReleasePlain = 'F';   // a filter follows
constexpr char kReleaseNotify = 'N';  // a filter with SECCOMP_FILTER_FLAG_NEW_LISTENER follows
}  // namespace

bool send_release(int sock, const int* fds, int count, const sock_filter* filter,
                  std::size_t filter_length, bool filter_notify) noexcept {
  if (count < 0 || count > kMaxJoinFds || filter_length > BPF_MAXINSNS) return false;
  char tag = filter_length == 0 ? kRelease : (filter_notify ? kReleaseNotify : kReleasePlain);
  std::array<iovec, 2> iov{
      iovec{&tag, 1}, iovec{const_cast<sock_filter*>(filter), filter_length * sizeof(sock_filter)}};
  msghdr msg{};
  msg.msg_iov = iov.data();
  msg.msg_iovlen = filter_length == 0 ? 1 : 2;
  alignas(cmsghdr) std::array<char, CMSG_SPACE(sizeof(int) * kMaxJoinFds)> control{};
  if (count > 0) {
    const std::size_t bytes = sizeof(int) * static_cast<std::size_t>(count);
    msg.msg_control = control.data();
    msg.msg_controllen = CMSG_SPACE(bytes);
    cmsghdr* c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(bytes);
    std::memcpy(CMSG_DATA(c), fds, bytes);
  }
  ssize_t n;
  do n = ::sendmsg(sock, &msg, MSG_NOSIGNAL);
  while (n < 0 && errno == EINTR);
  return n == static_cast<ssize_t>(1 + filter_length * sizeof(sock_filter));
}

bool receive_release(int sock, Release& out) noexcept {
  out.fd_count = 0;
  char tag = 0;
  try {
    out.filter.resize(BPF_MAXINSNS);
  } catch (...) {
    return false;
  }
  std::array<iovec, 2> iov{iovec{&tag, 1},
                           iovec{out.filter.data(), out.filter.size() * sizeof(sock_filter)}};
  msghdr msg{};
  msg.msg_iov = iov.data();
  msg.msg_iovlen = iov.size();
  alignas(cmsghdr) std::array<char, CMSG_SPACE(sizeof(int) * kMaxJoinFds)> control{};
  msg.msg_control = control.data();
  msg.msg_controllen = control.size();
  ssize_t n;
  do n = ::recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
  while (n < 0 && errno == EINTR);
  for (cmsghdr* c = n > 0 ? CMSG_FIRSTHDR(&msg) : nullptr; c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
    const int got = static_cast<int>((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
    for (int i = 0; i < got; ++i) {
      int fd = -1;
      std::memcpy(&fd, CMSG_DATA(c) + sizeof(int) * static_cast<std::size_t>(i), sizeof(int));
      if (out.fd_count < kMaxJoinFds)
        out.fds[out.fd_count++] = fd;
      else
        ::close(fd);
    }
  }
  const std::size_t body = n > 0 ? static_cast<std::size_t>(n) - 1 : 0;
  const bool tag_ok = tag == kRelease ? body == 0
                                      : (tag == kReleasePlain || tag == kReleaseNotify) &&
                                            body > 0 && body % sizeof(sock_filter) == 0;
  if (n < 1 || !tag_ok || (msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) != 0) {
    for (int i = 0; i < out.fd_count; ++i) ::close(out.fds[i]);
    out.fd_count = 0;
    out.filter.clear();
    return false;
  }
  out.filter.resize(body / sizeof(sock_filter));
  out.filter_notify = tag == kReleaseNotify;
  return true;
}

Result<std::optional<StatusMessage>> receive_status(int sock) {
  Wire w{};
  iovec iov{&w, sizeof w};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  alignas(cmsghdr) std::array<char, CMSG_SPACE(sizeof(int))> control{};
  msg.msg_control = control.data();
  msg.msg_controllen = control.size();
  ssize_t n;
  do n = ::recvmsg(sock, &msg, MSG_CMSG_CLOEXEC | MSG_DONTWAIT);
  while (n < 0 && errno == EINTR);
  if (n < 0) return sys_error(Phase::internal, "read status channel");
  StatusMessage out;
  for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
      int fd = -1;
      std::memcpy(&fd, CMSG_DATA(c), sizeof(int));
      out.passed_fd.reset(fd);
    }
  }
  if (n == 0) return std::nullopt;
  if (static_cast<std::size_t>(n) < offsetof(Wire, text) ||
      (msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) || w.text_len > kMaxText ||
      offsetof(Wire, text) + w.text_len != static_cast<std::size_t>(n))
    return make_error(Phase::internal, "malformed message on the status channel");
  out.type = static_cast<MessageType>(w.type);
  switch (out.type) {
    case MessageType::setup_error:
      out.error = Error{w.phase >= 0 && w.phase <= static_cast<int>(Phase::internal)
                            ? static_cast<Phase>(w.phase)
                            : Phase::internal,
                        std::string(w.text, w.text_len), w.err};
      break;
    case MessageType::workload_exit:
      out.wait_status = w.wait_status;
      out.alone = w.err == 1;
      break;
    case MessageType::seccomp_listener:
      if (!out.passed_fd) return make_error(Phase::internal, "seccomp listener message without fd");
      break;
    case MessageType::sandbox_ready:
      break;
    default:
      return make_error(Phase::internal, "unknown message on the status channel");
  }
  return out;
}

}  // namespace tc::sandbox
