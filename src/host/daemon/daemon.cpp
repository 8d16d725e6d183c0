#include "host/daemon/daemon.hpp"

#include <pthread.h>
#include <signal.h>

#include <cerrno>
#include <cstdio>

#include "host/daemon/coap_server.hpp"

namespace tc::hostd {
namespace {

sigset_t stop_set() {
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGINT);
  sigaddset(&s, SIGTERM);
  return s;
}

}  // namespace

Result<void> block_stop_signals() {
  sigset_t s = stop_set();
  sigaddset(&s, SIGPIPE);
  if (int err = ::pthread_sigmask(SIG_BLOCK, &s, nullptr); err != 0)
    return sys_error(Phase::setup, "pthread_sigmask", err);
  return {};
}

Result<int> serve_until_signal(host::HostControl& host, const LogSource* logs,
                               const DaemonOptions& options) {
  std::atomic<bool> stopping{false};
  ControlProtocol protocol(host, logs, &stopping);
  auto server = ControlServer::start(options.socket, protocol, stopping);
  if (!server) return std::unexpected(server.error());
  std::printf("tinycontainer host: control socket %s\n", options.socket.path.c_str());
  CoapRoutes routes(host);
  std::unique_ptr<CoapServer> coap;
  if (options.coap) {
    auto c = CoapServer::start(*options.coap, routes);
    if (!c) return std::unexpected(c.error());  // `server` stops and removes the socket
    coap = std::move(*c);
    std::printf("tinycontainer host: CoAP coap://%s/container\n", options.coap->c_str());
    if (options.coap->rfind("127.", 0) != 0 && options.coap->rfind("[::1]", 0) != 0)
      std::fprintf(stderr,
                   "tinycontainer host: warning: CoAP on %s has no transport security (no DTLS "
                   "in this build): anyone who can reach it controls the containers\n",
                   options.coap->c_str());
  }
  std::fflush(stdout);
  sigset_t s = stop_set();
  int sig = -1;
  while ((sig = ::sigwaitinfo(&s, nullptr)) < 0 && errno == EINTR) {
  }
  if (sig < 0) return sys_error(Phase::internal, "sigwaitinfo");
  coap.reset();
  (*server)->stop();
  return sig;
}

}  // namespace tc::hostd
