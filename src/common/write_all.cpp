#include "common/write_all.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace tc {

namespace {

template <typename Op>
Result<void> loop(std::string_view bytes, const char* what, Op op) {
  while (!bytes.empty()) {
    const ssize_t n = op(bytes);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return sys_error(Phase::io, what);
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return {};
}

}  // namespace

Result<void> write_all(int fd, std::string_view bytes) {
  return loop(bytes, "write", [fd](std::string_view b) { return ::write(fd, b.data(), b.size()); });
}

Result<void> send_all(int fd, std::string_view bytes) {
  return loop(bytes, "send",
              [fd](std::string_view b) { return ::send(fd, b.data(), b.size(), MSG_NOSIGNAL); });
}

}  // namespace tc
