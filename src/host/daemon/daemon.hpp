// tinycontainer host daemon — serving a host until SIGINT/SIGTERM (`tinycontainer host`).
//
// Contract:
//  * block_stop_signals() blocks SIGINT, SIGTERM (and SIGPIPE) in the calling thread; call
//    it before any thread exists (make_host starts the scheduler) so every thread inherits
//    the mask and the signals are taken only by serve_until_signal's sigwaitinfo.
//  * serve_until_signal() starts the control socket server and, when `coap` is set, the
//    CoAP server; prints one "listening" line per plane on stdout; waits for SIGINT or
//    SIGTERM; then stops both servers (the socket file is removed) and returns the signal
//    number. The caller then destroys the host, which stops every container.
#pragma once

#include <optional>
#include <string>

#include "common/error.hpp"
#include "host/control.hpp"
#include "host/daemon/control_server.hpp"
#include "host/daemon/protocol.hpp"

namespace tc::hostd {

struct DaemonOptions {
  ServerConfig socket;
  std::optional<std::string> coap;  // "ADDR:PORT"
};

[[nodiscard]] Result<void> block_stop_signals();
[[nodiscard]] Result<int> serve_until_signal(host::HostControl& host, const LogSource* logs,
                                             const DaemonOptions& options);

}  // namespace tc::hostd
