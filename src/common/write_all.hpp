// tinycontainer — writing a whole buffer to a descriptor.
//
// Contract: both loop over short writes and retry EINTR; the first other error is returned
// (Phase::io, errno set) with whatever was written before it left written.
//   write_all: write(2) — any descriptor (pipes, files). A closed pipe raises SIGPIPE unless
//              the caller ignores it.
//   send_all:  send(2) with MSG_NOSIGNAL — sockets only; a closed peer is EPIPE, never
//              SIGPIPE (for libraries that cannot assume the process ignores it).
#pragma once

#include <string_view>

#include "common/error.hpp"

namespace tc {

[[nodiscard]] Result<void> write_all(int fd, std::string_view bytes);
[[nodiscard]] Result<void> send_all(int fd, std::string_view bytes);

}  // namespace tc
