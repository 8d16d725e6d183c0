// tinycontainer — the per-call endpoint ACL: a compact table precomputed from the
// metadata's endpoint grants, checked by the host on every open/read/write.
//
// Contract:
//  * build() takes the endpoints of a *validated* metadata (unique ids) and lays them out
//    as one sorted array of 16-byte entries plus one string arena for peer names: two
//    allocations, whatever the number of grants.
//  * check() is noexcept, never allocates and runs in O(log n) (binary search over ids;
//    n ≤ 256). Semantics, for a container calling endpoint `id` with operation `op`:
//      no grant with that id                     → Decision::no_grant
//      op == read  and the grant lacks `in`      → Decision::wrong_direction
//      op == write and the grant lacks `out`     → Decision::wrong_direction
//      op == open  needs any direction (in, out or both)
//      peer given and ≠ the grant's (peer_type, peer, peer_endpoint) → Decision::wrong_peer
//      otherwise                                 → Decision::allowed
//    The peer is optional because on a normal call the host routes to the granted peer
//    (find() returns it); the 3-argument form is for calls that name their target.
//  * A table is immutable. Run-time reconfiguration builds a new table and swaps it in
//    through PermissionSlot (atomic shared_ptr): a call sees either the old or the new
//    grants, never a mix, and a table stays alive while a call still holds it.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "metadata/endpoint.hpp"

namespace tc::metadata {

enum class Op : std::uint8_t { open = 0, read = 1, write = 2 };  // read needs in, write needs out
enum class Decision : std::uint8_t { allowed, no_grant, wrong_direction, wrong_peer };

[[nodiscard]] std::string_view to_string(Decision d) noexcept;

struct PeerRef {
  PeerType type = PeerType::local;
  std::string_view name;
  std::uint32_t endpoint = 0;
};

struct GrantView {
  std::uint32_t endpoint_id = 0;
  PeerType peer_type = PeerType::local;
  std::string_view peer;
  std::uint32_t peer_endpoint = 0;
  Direction direction = Direction::both;
};

class PermissionTable {
 public:
  PermissionTable() = default;
  [[nodiscard]] static PermissionTable build(const std::vector<Endpoint>& endpoints);

  [[nodiscard]] Decision check(std::uint32_t endpoint_id, Op op) const noexcept;
  [[nodiscard]] Decision check(std::uint32_t endpoint_id, Op op,
                               const PeerRef& peer) const noexcept;
  [[nodiscard]] std::optional<GrantView> find(std::uint32_t endpoint_id) const noexcept;
  [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }
  // Bytes held by the table (entries + arena), for the host's memory accounting.
  [[nodiscard]] std::size_t footprint() const noexcept;

 private:
  struct Entry {
    std::uint32_t id;
    std::uint32_t peer_endpoint;
    std::uint32_t peer_offset;
    std::uint16_t peer_length;
    std::uint8_t direction_bits;
    PeerType peer_type;
  };
  static_assert(sizeof(Entry) == 16);

  [[nodiscard]] const Entry* lookup(std::uint32_t endpoint_id) const noexcept;
  [[nodiscard]] std::string_view peer_of(const Entry& e) const noexcept;

  std::vector<Entry> entries_;  // sorted by id
  std::string peers_;           // arena of peer names
};

class PermissionSlot {
 public:
  explicit PermissionSlot(std::shared_ptr<const PermissionTable> table)
      : current_(std::move(table)) {}
  [[nodiscard]] std::shared_ptr<const PermissionTable> load() const noexcept {
    return current_.load(std::memory_order_acquire);
  }
  void replace(std::shared_ptr<const PermissionTable> table) noexcept {
    current_.store(std::move(table), std::memory_order_release);
  }

 private:
  std::atomic<std::shared_ptr<const PermissionTable>> current_;
};

}  // namespace tc::metadata
