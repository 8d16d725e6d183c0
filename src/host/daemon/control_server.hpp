// tinycontainer host daemon — the Unix-socket control server (`tinycontainer ctl` talks
// to it). One JSON request per line, one JSON response line back (protocol.hpp).
//
// Contract:
//  * start() binds a SOCK_STREAM Unix socket at `path`, chmods it 0600 and listens. A
//    stale socket file (nobody listening: connect → ECONNREFUSED) is replaced; a live one
//    or a non-socket file at `path` is an Error (Phase::setup), never removed.
//  * Every accepted connection is checked with SO_PEERCRED (unix(7)): only uid 0 and the
//    daemon's own effective uid are served; anyone else gets one security error line and
//    the connection is closed before any request is read (so it changes nothing).
//  * A request line longer than max_request_bytes gets a usage error line and the
//    connection is closed (the rest is never parsed). Idle connections are closed after
//    idle_timeout. At most max_connections are served at once; extra ones get an error.
//  * Connections are served on their own threads (a `wait` does not block others).
//  * The destructor (or stop()) stops accepting, ends every connection (a pending `wait`
//    within kWaitSlice), joins all threads and unlinks the socket file.
// Syscalls: socket, bind, listen, accept4(SOCK_CLOEXEC), getsockopt(SO_PEERCRED), poll,
// recv, send(MSG_NOSIGNAL), eventfd (the stop signal), chmod, unlink.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "common/error.hpp"
#include "common/unique_fd.hpp"
#include "host/daemon/protocol.hpp"

namespace tc::hostd {

struct ServerConfig {
  std::string path;
  std::size_t max_request_bytes = std::size_t{48} << 20;  // base64 of a 32 MiB module + metadata
  std::size_t max_connections = 16;
  std::chrono::milliseconds idle_timeout{std::chrono::seconds(300)};
};

class ControlServer {
 public:
  [[nodiscard]] static Result<std::unique_ptr<ControlServer>> start(ServerConfig config,
                                                                    ControlProtocol& protocol,
                                                                    std::atomic<bool>& stopping);
  ~ControlServer();
  ControlServer(const ControlServer&) = delete;
  ControlServer& operator=(const ControlServer&) = delete;

  void stop() noexcept;

 private:
  struct Connection {
    std::thread thread;
    std::atomic<bool> done{false};
  };
  ControlServer(ServerConfig config, ControlProtocol& protocol, std::atomic<bool>& stopping,
                UniqueFd listener, UniqueFd wake) noexcept;
  void accept_loop() noexcept;
  void serve(UniqueFd fd) noexcept;
  void reap(bool all) noexcept;

  ServerConfig config_;
  ControlProtocol& protocol_;
  std::atomic<bool>& stopping_;
  UniqueFd listener_;
  UniqueFd wake_;  // eventfd: readable once stop() ran
  std::thread acceptor_;
  std::mutex mu_;
  std::list<std::unique_ptr<Connection>> connections_;
  bool stopped_ = false;
};

// Whether a peer with `peer_uid` may control a daemon running as `daemon_uid`.
[[nodiscard]] constexpr bool peer_authorized(unsigned peer_uid, unsigned daemon_uid) noexcept {
  return peer_uid == 0 || peer_uid == daemon_uid;
}

}  // namespace tc::hostd
