#include "host/daemon/unix_socket.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <cerrno>
#include <cstring>

namespace tc::hostd {
namespace {

Result<sockaddr_un> address_of(const std::string& path) {
  sockaddr_un a{};
  a.sun_family = AF_UNIX;
  if (path.empty() || path.size() >= sizeof(a.sun_path))
    return make_error(Phase::usage, "socket path '" + path + "' is empty or longer than " +
                                        std::to_string(sizeof(a.sun_path) - 1) + " bytes");
  std::memcpy(a.sun_path, path.data(), path.size());
  return a;
}

Result<UniqueFd> new_socket() {
  UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd) return sys_error(Phase::setup, "socket(AF_UNIX)");
  return fd;
}

// A file at `path` may be replaced only if it is a socket nobody listens on.
Result<void> clear_stale(const std::string& path, const sockaddr_un& a) {
  struct stat st{};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return {};
    return sys_error(Phase::setup, "stat " + path);
  }
  if (!S_ISSOCK(st.st_mode))
    return make_error(Phase::setup, path + " exists and is not a socket: not replacing it");
  auto probe = new_socket();
  if (!probe) return std::unexpected(probe.error());
  if (::connect(probe->get(), reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0)
    return make_error(Phase::setup, path + ": another daemon is listening on this socket");
  if (errno != ECONNREFUSED) return sys_error(Phase::setup, "probe " + path);
  if (::unlink(path.c_str()) != 0) return sys_error(Phase::setup, "unlink stale " + path);
  return {};
}

}  // namespace

Result<UniqueFd> listen_unix(const std::string& path, int backlog) {
  auto a = address_of(path);
  if (!a) return std::unexpected(a.error());
  if (auto c = clear_stale(path, *a); !c) return std::unexpected(c.error());
  auto fd = new_socket();
  if (!fd) return fd;
  if (::bind(fd->get(), reinterpret_cast<const sockaddr*>(&*a), sizeof *a) != 0)
    return sys_error(Phase::setup, "bind " + path);
  // bind created the file with 0777 & ~umask; narrow it before anyone is served (connect
  // needs write permission, and every peer is checked with SO_PEERCRED anyway).
  if (::chmod(path.c_str(), 0600) != 0 || ::listen(fd->get(), backlog) != 0) {
    int err = errno;
    ::unlink(path.c_str());
    return sys_error(Phase::setup, "chmod/listen " + path, err);
  }
  return fd;
}

Result<UniqueFd> connect_unix(const std::string& path) {
  auto a = address_of(path);
  if (!a) return std::unexpected(a.error());
  auto fd = new_socket();
  if (!fd) return fd;
  if (::connect(fd->get(), reinterpret_cast<const sockaddr*>(&*a), sizeof *a) != 0)
    return sys_error(Phase::io, "connect " + path);
  return fd;
}

Result<std::string> read_line(int fd, std::string& buffer, std::size_t max,
                              std::chrono::milliseconds timeout, int wake) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::size_t scanned = 0;
  for (;;) {
    if (auto nl = buffer.find('\n', scanned); nl != std::string::npos) {
      if (nl > max) break;
      std::string line = buffer.substr(0, nl);
      buffer.erase(0, nl + 1);
      return line;
    }
    scanned = buffer.size();
    if (buffer.size() > max) break;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return make_error(Phase::io, "timed out waiting for a line");
    pollfd p[2] = {{fd, POLLIN, 0}, {wake, POLLIN, 0}};
    int n = ::poll(p, wake >= 0 ? 2 : 1, static_cast<int>(left.count()));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return sys_error(Phase::io, "poll");
    if (wake >= 0 && (p[1].revents & POLLIN)) return make_error(Phase::io, "shutting down");
    if (n == 0) continue;
    char chunk[65536];
    ssize_t got = ::recv(fd, chunk, sizeof chunk, 0);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return sys_error(Phase::io, "recv");
    if (got == 0) return make_error(Phase::io, "connection closed");
    buffer.append(chunk, static_cast<std::size_t>(got));
  }
  return make_error(Phase::usage, "request exceeds the limit of " + std::to_string(max) + " bytes");
}



}  // namespace tc::hostd
