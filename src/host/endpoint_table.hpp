// tinycontainer host — one container's endpoint dispatcher: its open handles and the ACL
// check of every guest call (guest_abi.hpp), routed to services (service.hpp).
//
// Contract:
//  * Every open/read/write/call checks the container's *current* PermissionTable: the
//    table lives in a metadata::PermissionSlot; replace_permissions() (any thread) swaps it
//    and bumps a generation counter; the next call sees the new table (the dispatcher
//    re-reads the slot only when the generation changed, so the hot path is one relaxed
//    atomic load and a binary search — no lock, no allocation).
//  * Decisions map to abi codes: no grant → kDenied, direction → kWrongDirection, grant
//    replaced by one naming another peer → kWrongPeer. Each refusal is counted in
//    `denials`; every call (refused or not) in `calls`. Refusals never trap.
//  * read needs `in`, write needs `out`, open needs any direction. call needs `out`; when
//    the grant lacks `in` the service receives an empty response buffer (a status-only
//    call), so an out-only grant can never read data back.
//  * Handles: at most kMaxHandles open at once (kTooManyHandles), small integers reused
//    after close; kBadHandle for anything else. The table is allocated on first open.
//  * Routing (service_router.hpp): remote or unknown service → kUnavailable.
//  * Single-threaded use (the scheduler thread), except replace_permissions() and the
//    counters' snapshot, which are safe from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "host/service.hpp"
#include "host/service_router.hpp"
#include "metadata/limits.hpp"
#include "metadata/permission_table.hpp"

namespace tc::host {

class EndpointTable {
 public:
  static constexpr std::size_t kMaxHandles = 16;

  EndpointTable(std::string uid, const metadata::Limits& limits,
                std::shared_ptr<const metadata::PermissionTable> permissions,
                const ServiceRouter& router, std::chrono::steady_clock::time_point epoch);
  ~EndpointTable();
  EndpointTable(const EndpointTable&) = delete;
  EndpointTable& operator=(const EndpointTable&) = delete;

  void replace_permissions(std::shared_ptr<const metadata::PermissionTable> table) noexcept;

  std::int32_t open(std::uint32_t endpoint_id) noexcept;
  std::int32_t read(std::int32_t handle, std::span<std::uint8_t> guest,
                    std::span<std::uint8_t> out) noexcept;
  std::int32_t write(std::int32_t handle, std::span<std::uint8_t> guest,
                     std::span<const std::uint8_t> in) noexcept;
  std::int32_t call(std::int32_t handle, std::span<std::uint8_t> guest,
                    std::span<const std::uint8_t> request, std::span<std::uint8_t> response) noexcept;
  std::int32_t close(std::int32_t handle) noexcept;
  // Destroys every session (restart, stop, removal).
  void close_all() noexcept;

  // Microseconds since the host started (guest import now_us).
  [[nodiscard]] std::int64_t now_us() const noexcept;

  // A guest call that failed before reaching the table (bad memory) is still a call.
  void count_call() noexcept { calls_.fetch_add(1, std::memory_order_relaxed); }
  [[nodiscard]] std::uint64_t calls() const noexcept { return calls_.load(std::memory_order_relaxed); }
  [[nodiscard]] std::uint64_t denials() const noexcept { return denials_.load(std::memory_order_relaxed); }
  [[nodiscard]] std::size_t open_handles() const noexcept;
  [[nodiscard]] std::size_t footprint() const noexcept;

 private:
  struct Handle {
    std::unique_ptr<Session> session;  // null: free slot
    std::uint32_t endpoint_id = 0;
    std::uint32_t peer_endpoint = 0;
    metadata::PeerType peer_type = metadata::PeerType::local;
    std::string peer;
  };

  const metadata::PermissionTable& table() noexcept;
  Handle* handle_at(std::int32_t handle) noexcept;
  std::int32_t deny(metadata::Decision d) noexcept;
  metadata::Decision check(const Handle& h, metadata::Op op) noexcept;

  std::string uid_;
  metadata::Limits limits_;
  metadata::PermissionSlot slot_;
  std::atomic<std::uint64_t> generation_{1};
  std::uint64_t cached_generation_ = 0;
  std::shared_ptr<const metadata::PermissionTable> cached_;
  const ServiceRouter& router_;
  std::chrono::steady_clock::time_point epoch_;
  std::vector<Handle> handles_;
  std::atomic<std::uint64_t> calls_{0}, denials_{0};
};

}  // namespace tc::host
