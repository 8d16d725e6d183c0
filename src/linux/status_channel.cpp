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

bool send_workload_exit(int sock, int wait_status) noexcept {
  Wire w{};
  w.type = static_cast<std::uint32_t>(MessageType::workload_exit);
  w.wait_status = wait_status;
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
constexpr char kRelease = 'R';
}

bool send_release(int sock, const int* fds, int count) noexcept {
  if (count < 0 || count > kMaxJoinFds) return false;
  char byte = kRelease;
  iovec iov{&byte, 1};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
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
  return n == 1;
}

int receive_release(int sock, int (&fds)[kMaxJoinFds]) noexcept {
  char byte = 0;
  iovec iov{&byte, 1};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  alignas(cmsghdr) std::array<char, CMSG_SPACE(sizeof(int) * kMaxJoinFds)> control{};
  msg.msg_control = control.data();
  msg.msg_controllen = control.size();
  ssize_t n;
  do n = ::recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
  while (n < 0 && errno == EINTR);
  int count = 0;
  for (cmsghdr* c = n > 0 ? CMSG_FIRSTHDR(&msg) : nullptr; c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
    if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
    const std::size_t bytes = c->cmsg_len - CMSG_LEN(0);
    const int got = static_cast<int>(bytes / sizeof(int));
    for (int i = 0; i < got; ++i) {
      int fd = -1;
      std::memcpy(&fd, CMSG_DATA(c) + sizeof(int) * static_cast<std::size_t>(i), sizeof(int));
      if (count < kMaxJoinFds)
        fds[count++] = fd;
      else
        ::close(fd);
    }
  }
  if (n != 1 || byte != kRelease || (msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) != 0) {
    for (int i = 0; i < count; ++i) ::close(fds[i]);
    return -1;
  }
  return count;
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
