#include "host/daemon/control_server.hpp"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>

#include "common/write_all.hpp"
#include "host/daemon/unix_socket.hpp"

namespace tc::hostd {
namespace {

void send_error(int fd, Phase phase, std::string message) {
  (void)send_all(fd, dump_line(error_response(Error{phase, std::move(message), 0})) + "\n");
}

}  // namespace

Result<std::unique_ptr<ControlServer>> ControlServer::start(ServerConfig config,
                                                            ControlProtocol& protocol,
                                                            std::atomic<bool>& stopping) {
  auto listener = listen_unix(config.path, 16);
  if (!listener) return std::unexpected(listener.error());
  UniqueFd wake(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
  if (!wake) {
    ::unlink(config.path.c_str());
    return sys_error(Phase::setup, "eventfd");
  }
  std::unique_ptr<ControlServer> s(new ControlServer(std::move(config), protocol, stopping,
                                                     std::move(*listener), std::move(wake)));
  s->acceptor_ = std::thread([p = s.get()] { p->accept_loop(); });
  return s;
}

ControlServer::ControlServer(ServerConfig config, ControlProtocol& protocol,
                             std::atomic<bool>& stopping, UniqueFd listener,
                             UniqueFd wake) noexcept
    : config_(std::move(config)),
      protocol_(protocol),
      stopping_(stopping),
      listener_(std::move(listener)),
      wake_(std::move(wake)) {}

ControlServer::~ControlServer() { stop(); }

void ControlServer::stop() noexcept {
  {
    std::lock_guard lock(mu_);
    if (stopped_) return;
    stopped_ = true;
  }
  stopping_.store(true);
  std::uint64_t one = 1;
  (void)!::write(wake_.get(), &one, sizeof one);
  if (acceptor_.joinable()) acceptor_.join();
  reap(true);
  listener_.reset();
  ::unlink(config_.path.c_str());
}

void ControlServer::reap(bool all) noexcept {
  std::list<std::unique_ptr<Connection>> finished;
  {
    std::lock_guard lock(mu_);
    for (auto it = connections_.begin(); it != connections_.end();) {
      if (all || (*it)->done.load()) {
        finished.push_back(std::move(*it));
        it = connections_.erase(it);
      } else {
        ++it;
      }
    }
  }
  for (auto& c : finished) c->thread.join();
}

void ControlServer::accept_loop() noexcept {
  const unsigned self = ::geteuid();
  for (;;) {
    pollfd p[2] = {{listener_.get(), POLLIN, 0}, {wake_.get(), POLLIN, 0}};
    if (::poll(p, 2, -1) < 0) continue;  // EINTR
    if (p[1].revents & POLLIN) return;
    UniqueFd fd(::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC));
    if (!fd) continue;
    reap(false);
    ucred cred{};
    socklen_t len = sizeof cred;
    if (::getsockopt(fd.get(), SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0 ||
        !peer_authorized(cred.uid, self)) {
      std::fprintf(stderr, "tinycontainer host: refused control connection from uid %u pid %d\n",
                   cred.uid, cred.pid);
      send_error(fd.get(), Phase::security,
                 "peer uid " + std::to_string(cred.uid) +
                     " is not authorized: only root and uid " + std::to_string(self) +
                     " may control this host");
      continue;
    }
    std::lock_guard lock(mu_);
    if (connections_.size() >= config_.max_connections) {
      send_error(fd.get(), Phase::usage, "too many control connections (limit " +
                                             std::to_string(config_.max_connections) + ")");
      continue;
    }
    auto c = std::make_unique<Connection>();
    Connection* raw = c.get();
    c->thread = std::thread([this, raw, f = fd.release()]() mutable {
      serve(UniqueFd(f));
      raw->done.store(true);
    });
    connections_.push_back(std::move(c));
  }
}

void ControlServer::serve(UniqueFd fd) noexcept {
  std::string buffer;
  for (;;) {
    auto line = read_line(fd.get(), buffer, config_.max_request_bytes, config_.idle_timeout,
                          wake_.get());
    if (!line) {
      if (line.error().phase == Phase::usage) send_error(fd.get(), Phase::usage, line.error().message);
      return;  // EOF, idle timeout, shutdown or oversize: close the connection
    }
    std::string response;
    try {
      response = protocol_.handle_line(*line);
    } catch (const std::exception& e) {  // std::bad_alloc only (protocol.hpp)
      response = dump_line(error_response(Error{Phase::internal, e.what(), 0}));
    }
    response.push_back('\n');
    if (!send_all(fd.get(), response)) return;
  }
}

}  // namespace tc::hostd
