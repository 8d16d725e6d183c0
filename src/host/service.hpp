// tinycontainer host — the service interface: what a host service (log, clock, kv,
// sensors, actuators, mailboxes, ml ...) implements to be reachable through endpoints.
//
// Contract:
//  * The dispatcher (src/host) owns the ACL: it calls a service only after the container's
//    *current* PermissionTable allowed the operation (guest_abi.hpp). Services never see a
//    call the container was not granted; they validate the *content* of the call.
//  * Routing: a grant with peer_type local and peer "kv" goes to the service whose name()
//    is "kv" (exact match; names like "sensor.temperature" are distinct services). A grant
//    with peer_type container goes to the service named kMailboxService ("mailbox"), which
//    routes by (peer uid, peer_endpoint). peer_type remote → abi::kUnavailable (not
//    implemented by the host; documented).
//  * open() runs once per guest open(); it returns a Session or an abi code (< 0). A
//    Session belongs to one container and one grant; it is destroyed on close(), when the
//    container is removed or restarted, and when the host shuts down.
//  * read/write/call: `guest` is the caller's whole linear memory at the time of the call
//    (may be empty; never cache it across calls: memory.grow moves it). Buffers passed in
//    and out are already bounds-checked slices of it. Return value: bytes (>= 0) or an abi
//    code (< 0). These run on the scheduler thread in the container's time budget: they
//    must not block (no sleeping, no waiting for another container) and should be fast.
//  * Services are shared by all containers of a host and are called from one scheduler
//    thread at a time (the host serialises calls); a service with its own threads must
//    lock its state itself.
//  * on_container_removed(uid): drop per-container state that must not outlive the
//    container (mailbox queues). Persistent state (the kv store on disk) is kept.
//  * Errors never throw across this interface except std::bad_alloc.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "host/guest_abi.hpp"
#include "metadata/limits.hpp"
#include "metadata/permission_table.hpp"

namespace tc::host {

inline constexpr std::string_view kMailboxService = "mailbox";

// Who is opening what: the container, the grant that allowed it, the container's limits.
struct OpenRequest {
  std::string_view container_uid;
  metadata::GrantView grant;      // peer / peer_endpoint / direction as granted now
  const metadata::Limits* limits = nullptr;  // storage quota, mailbox sizes
};

class Session {
 public:
  virtual ~Session() = default;
  // Container reads from the endpoint into `out`.
  virtual std::int32_t read(std::span<std::uint8_t> guest, std::span<std::uint8_t> out) {
    (void)guest; (void)out; return abi::kUnsupported;
  }
  // Container writes `in` to the endpoint.
  virtual std::int32_t write(std::span<std::uint8_t> guest, std::span<const std::uint8_t> in) {
    (void)guest; (void)in; return abi::kUnsupported;
  }
  // Request/response in one call: the response goes to `response`.
  virtual std::int32_t call(std::span<std::uint8_t> guest, std::span<const std::uint8_t> request,
                            std::span<std::uint8_t> response) {
    (void)guest; (void)request; (void)response; return abi::kUnsupported;
  }
};

// Result of Service::open: a session, or an abi code (< 0) when `session` is null.
struct OpenResult {
  std::unique_ptr<Session> session;
  std::int32_t code = abi::kOk;
};

class Service {
 public:
  virtual ~Service() = default;
  [[nodiscard]] virtual std::string_view name() const noexcept = 0;
  virtual OpenResult open(const OpenRequest& request) = 0;
  virtual void on_container_removed(std::string_view container_uid) { (void)container_uid; }
};

}  // namespace tc::host
