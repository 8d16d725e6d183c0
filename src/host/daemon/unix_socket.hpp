// tinycontainer host daemon — Unix stream sockets for the control plane (unix(7)).
//
// Contract:
//  * listen_unix(path): replaces a stale socket (ECONNREFUSED on connect) but never a live
//    one or a non-socket; the socket file ends up mode 0600; fds are SOCK_CLOEXEC.
//  * connect_unix(path): Phase::io error naming the path and errno (ENOENT: no daemon;
//    EACCES: socket permissions; ECONNREFUSED: daemon gone).
//  * read_line(fd, max, timeout, wake): reads up to '\n' into `buffer` (which keeps bytes
//    after the line for the next call). Returns the line without '\n'; Phase::usage if the
//    line exceeds `max`; Phase::io on EOF/timeout/error or when `wake` (an fd, -1 = none)
//    becomes readable.
//  * writing a response: tc::send_all (common/write_all.hpp: MSG_NOSIGNAL, short writes).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "common/error.hpp"
#include "common/unique_fd.hpp"

namespace tc::hostd {

[[nodiscard]] Result<UniqueFd> listen_unix(const std::string& path, int backlog);
[[nodiscard]] Result<UniqueFd> connect_unix(const std::string& path);
[[nodiscard]] Result<std::string> read_line(int fd, std::string& buffer, std::size_t max,
                                            std::chrono::milliseconds timeout, int wake);

}  // namespace tc::hostd
