// tinycontainer host daemon — the control protocol: one JSON request → one JSON response.
// Transport-free (the Unix-socket server and the tests feed it lines), so every rule below
// is unit-tested against a fake HostControl.
//
// Request:  {"op": OP, ...fields}        Response: {"ok": true, ...} or
//                                                  {"ok": false, "error": {"phase","message"}}
//   load        metadata, code (base64), data? (base64), start? (bool)    → uid
//   update      uid, metadata, code, data?, restart? (bool)
//   start | stop | suspend | resume | remove | status   uid               → status (status)
//   reconfigure document (base64 of a JSON/CBOR/COSE reconfiguration)
//   list                                                                   → containers [...]
//   wait        uid, timeout_ms? (absent: until the container ends)        → status
//   logs        uid                          → lines [...] (log service), stdout?, stderr?
//                                              (the tail of the captured WASI output)
//
// Contract:
//  * A request that is not a JSON object, has an unknown op, an unknown field, a missing
//    field or a field of the wrong type is refused with Phase::usage naming the field, and
//    the host is not called at all (so it changes nothing).
//  * `load` with start=true is all-or-nothing: if start fails the container is removed
//    again and the start error is returned.
//  * `wait` waits in slices of at most kWaitSlice so a daemon shutdown (`stopping` set)
//    ends it promptly with an error; the host is never blocked by a client.
//  * handle() never throws except std::bad_alloc.
#pragma once

#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "host/control.hpp"

namespace tc::hostd {

inline constexpr std::chrono::milliseconds kWaitSlice{100};

// Where `logs` reads a container's log lines from (the daemon's LogBook).
class LogSource {
 public:
  virtual ~LogSource() = default;
  [[nodiscard]] virtual std::vector<std::string> lines(std::string_view uid) const = 0;
};

class ControlProtocol {
 public:
  ControlProtocol(host::HostControl& host, const LogSource* logs,
                  const std::atomic<bool>* stopping) noexcept
      : host_(host), logs_(logs), stopping_(stopping) {}

  [[nodiscard]] nlohmann::json handle(const nlohmann::json& request);
  // Parses one line (without its '\n'); a parse error is a usage error response.
  [[nodiscard]] std::string handle_line(std::string_view line);

 private:
  Result<nlohmann::json> dispatch(const nlohmann::json& request);
  Result<nlohmann::json> load(const nlohmann::json& r);
  Result<nlohmann::json> update(const nlohmann::json& r);
  Result<nlohmann::json> wait(const nlohmann::json& r);
  Result<nlohmann::json> logs(const nlohmann::json& r);

  host::HostControl& host_;
  const LogSource* logs_;
  const std::atomic<bool>* stopping_;
};

[[nodiscard]] nlohmann::json error_response(const Error& e);
// One response line (no '\n'); invalid UTF-8 in strings is replaced (U+FFFD).
[[nodiscard]] std::string dump_line(const nlohmann::json& j);

}  // namespace tc::hostd
