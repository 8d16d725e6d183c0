// tinycontainer host daemon — the CoAP `/container` resources, transport-free (the libcoap
// server in coap_server.hpp hands requests here; unit tests call it directly).
//
// Resources (RFC 7252 methods; codes as class*100+detail, e.g. 205 = 2.05 Content):
//   GET    /container                    → 2.05 list of statuses
//   POST   /container                    → 2.01 {"uid", "status"}   payload: load body
//   GET    /container/{uid}              → 2.05 status
//   PUT    /container/{uid}              → 2.04 status              payload: update body
//   DELETE /container/{uid}              → 2.02
//   POST   /container/{uid}/{action}     → 2.04 status   action: start|stop|suspend|resume
//   POST   /reconfigure                  → 2.04          payload: the reconfiguration
//                                          document itself (JSON/CBOR/COSE, uid inside)
// Bodies: a CBOR map (Content-Format 60) {"metadata": bstr, "code": bstr, "data"?: bstr,
// "start"?: bool (load), "restart"?: bool (update)} — bytes travel natively, no base64 —
// or the same as a JSON object (Content-Format 50, or a payload starting with '{') with
// the bytes base64-encoded. Responses are CBOR unless the request's Accept is 50 (JSON).
// Errors carry a diagnostic payload (plain text, RFC 7252 §5.5.2, no Content-Format):
//   4.00 malformed body or bad metadata/code (Phase::usage/config), 4.03 signature/policy
//   (Phase::security), 4.04 unknown resource or uid, 4.05 method not allowed on the
//   resource, 4.09 invalid lifecycle transition, 4.13 body larger than max_body,
//   4.15 unsupported Content-Format, 5.00 anything else.
// A refused request changes nothing (HostControl's all-or-nothing contract; load+start
// removes the container again when start fails).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "host/control.hpp"

namespace tc::hostd {

enum class CoapMethod : std::uint8_t { get, post, put, del };

inline constexpr std::uint16_t kCoapJson = 50;
inline constexpr std::uint16_t kCoapCbor = 60;

struct CoapRequest {
  CoapMethod method = CoapMethod::get;
  std::vector<std::string> path;                 // Uri-Path segments
  std::optional<std::uint16_t> content_format;   // of the payload
  std::optional<std::uint16_t> accept;
  std::span<const std::uint8_t> payload;
};

struct CoapReply {
  int code = 500;                                // class*100 + detail
  std::optional<std::uint16_t> content_format;   // none: diagnostic text
  std::vector<std::uint8_t> payload;
};

class CoapRoutes {
 public:
  explicit CoapRoutes(host::HostControl& host, std::size_t max_body = std::size_t{8} << 20) noexcept
      : host_(host), max_body_(max_body) {}
  [[nodiscard]] CoapReply handle(const CoapRequest& request);

 private:
  CoapReply collection(const CoapRequest& r);
  CoapReply item(const CoapRequest& r, const std::string& uid);
  CoapReply action(const CoapRequest& r, const std::string& uid, const std::string& verb);

  host::HostControl& host_;
  std::size_t max_body_;
};

}  // namespace tc::hostd
