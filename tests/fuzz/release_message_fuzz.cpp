// Fuzz target: the release message init reads from the supervisor (linux/status_channel.hpp
// receive_release). The first input byte says how many fds (0-3) ride along; the rest is
// the message. Any message must be accepted whole or refused with every fd closed — never
// a crash, an overflow or a leaked fd.
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "linux/status_channel.hpp"

namespace {

bool is_open(int fd) {
  return ::fcntl(fd, F_GETFD) != -1;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0 || size > 40000) return 0;
  int sv[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0) return 0;
  const int nfds = data[0] % 4;
  std::array<int, 3> fds{-1, -1, -1};
  for (int i = 0; i < nfds; ++i)
    fds[static_cast<std::size_t>(i)] = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  iovec iov{const_cast<std::uint8_t*>(data + 1), size - 1};
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  alignas(cmsghdr) std::array<char, CMSG_SPACE(sizeof(int) * 3)> control{};
  if (nfds > 0) {
    msg.msg_control = control.data();
    msg.msg_controllen = CMSG_SPACE(sizeof(int) * static_cast<std::size_t>(nfds));
    cmsghdr* c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int) * static_cast<std::size_t>(nfds));
    std::memcpy(CMSG_DATA(c), fds.data(), sizeof(int) * static_cast<std::size_t>(nfds));
  }
  const bool sent = ::sendmsg(sv[0], &msg, MSG_NOSIGNAL) >= 0;
  for (int fd : fds)
    if (fd >= 0) ::close(fd);
  ::close(sv[0]);  // after the message: EOF follows it
  tc::sandbox::Release r;
  const bool ok = sent && tc::sandbox::receive_release(sv[1], r);
  if (ok) {
    if (r.fd_count != nfds) __builtin_trap();
    const std::size_t body = size - 2;  // without the fd count and the tag
    if (data[1] == 'R' ? !r.filter.empty() || body != 0
                       : r.filter.size() * sizeof(sock_filter) != body || r.filter.empty())
      __builtin_trap();
    if (r.filter_notify != (data[1] == 'N')) __builtin_trap();
  } else if (r.fd_count != 0) {
    __builtin_trap();
  }
  for (int i = 0; i < r.fd_count; ++i) {
    if (!is_open(r.fds[i])) __builtin_trap();
    ::close(r.fds[i]);
  }
  ::close(sv[1]);
  return 0;
}
