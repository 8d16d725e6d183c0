// tinycontainer host daemon — the CoAP server (RFC 7252, UDP, libcoap3) that exposes the
// `/container` resources of coap_routes.hpp for remote device management.
//
// Contract:
//  * start("ADDR:PORT") binds exactly that address ("127.0.0.1:5683", "[::1]:5683");
//    a malformed address is Phase::usage, a bind failure Phase::setup. One thread runs the
//    libcoap I/O loop; every libcoap object is created, used and freed on that thread's
//    owner side only while the loop is stopped (libcoap contexts are not thread-safe).
//  * Bodies larger than one CoAP block travel with block-wise transfer (RFC 7959): libcoap
//    reassembles them (COAP_BLOCK_USE_LIBCOAP | COAP_BLOCK_SINGLE_BODY) before the handler
//    runs, and splits large responses.
//  * No transport security in this build (libcoap's notls flavour, no DTLS): bind it to a
//    trusted interface; with --require-signature every loaded container is still
//    authenticated by its COSE signature (docs/HOST-CONTROL.md).
//  * The destructor stops the loop, joins the thread and frees the context.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "common/error.hpp"
#include "host/daemon/coap_routes.hpp"

struct coap_context_t;

namespace tc::hostd {

class CoapServer {
 public:
  [[nodiscard]] static Result<std::unique_ptr<CoapServer>> start(const std::string& address,
                                                                 CoapRoutes& routes);
  ~CoapServer();
  CoapServer(const CoapServer&) = delete;
  CoapServer& operator=(const CoapServer&) = delete;
  [[nodiscard]] int port() const noexcept { return port_; }

 private:
  CoapServer(coap_context_t* ctx, int port) noexcept : ctx_(ctx), port_(port) {}
  coap_context_t* ctx_;
  int port_;
  std::atomic<bool> stop_{false};
  std::thread loop_;
};

}  // namespace tc::hostd
