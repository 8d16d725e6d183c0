#include "metadata/permission_table.hpp"

#include <algorithm>

namespace tc::metadata {

std::string_view to_string(Decision d) noexcept {
  switch (d) {
    case Decision::allowed:
      return "allowed";
    case Decision::no_grant:
      return "no_grant";
    case Decision::wrong_direction:
      return "wrong_direction";
    case Decision::wrong_peer:
      return "wrong_peer";
  }
  return "?";
}

PermissionTable PermissionTable::build(const std::vector<Endpoint>& endpoints) {
  PermissionTable t;
  t.entries_.reserve(endpoints.size());
  std::size_t arena = 0;
  for (const auto& e : endpoints) arena += e.peer.size();
  t.peers_.reserve(arena);
  for (const auto& e : endpoints) {
    t.entries_.push_back(Entry{e.endpoint_id, e.peer_endpoint,
                               static_cast<std::uint32_t>(t.peers_.size()),
                               static_cast<std::uint16_t>(e.peer.size()),
                               static_cast<std::uint8_t>(e.direction), e.peer_type});
    t.peers_ += e.peer;
  }
  std::sort(t.entries_.begin(), t.entries_.end(),
            [](const Entry& a, const Entry& b) { return a.id < b.id; });
  return t;
}

// Branchless binary search (the ternary compiles to a conditional move): the probe
// sequence does not depend on earlier comparisons, so random ids cost no mispredictions.
// Invariant: a matching entry, if any, lies in [base, base + n).
const PermissionTable::Entry* PermissionTable::lookup(std::uint32_t id) const noexcept {
  const Entry* base = entries_.data();
  std::size_t n = entries_.size();
  if (n == 0) return nullptr;
  while (n > 1) {
    const std::size_t half = n / 2;
    base = base[half].id <= id ? base + half : base;
    n -= half;
  }
  return base->id == id ? base : nullptr;
}

std::string_view PermissionTable::peer_of(const Entry& e) const noexcept {
  return std::string_view(peers_).substr(e.peer_offset, e.peer_length);
}

namespace {

template <class Entry>
Decision decide(const Entry* e, Op op) noexcept {
  if (e == nullptr) return Decision::no_grant;
  const auto need = static_cast<std::uint8_t>(op);
  if ((e->direction_bits & need) != need) return Decision::wrong_direction;
  return Decision::allowed;
}

}  // namespace

Decision PermissionTable::check(std::uint32_t id, Op op) const noexcept {
  return decide(lookup(id), op);
}

Decision PermissionTable::check(std::uint32_t id, Op op, const PeerRef& peer) const noexcept {
  const Entry* e = lookup(id);
  const Decision d = decide(e, op);
  if (d != Decision::allowed) return d;
  if (e->peer_type != peer.type || e->peer_endpoint != peer.endpoint || peer_of(*e) != peer.name)
    return Decision::wrong_peer;
  return Decision::allowed;
}

std::optional<GrantView> PermissionTable::find(std::uint32_t id) const noexcept {
  const Entry* e = lookup(id);
  if (e == nullptr) return std::nullopt;
  return GrantView{e->id, e->peer_type, peer_of(*e), e->peer_endpoint,
                   static_cast<Direction>(e->direction_bits)};
}

std::size_t PermissionTable::footprint() const noexcept {
  return sizeof(*this) + entries_.capacity() * sizeof(Entry) + peers_.capacity();
}

}  // namespace tc::metadata
