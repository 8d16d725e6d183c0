#include "metadata/enum_names.hpp"

#include <array>
#include <utility>

namespace tc::metadata {
namespace {

template <class E, std::size_t N>
using Table = std::array<std::pair<E, std::string_view>, N>;

constexpr Table<OverrunPolicy, 3> kOverrun{{{OverrunPolicy::skip, "skip"},
                                            {OverrunPolicy::preempt_resume, "preempt_resume"},
                                            {OverrunPolicy::stop, "stop"}}};
constexpr Table<PeerType, 3> kPeer{
    {{PeerType::local, "local"}, {PeerType::container, "container"}, {PeerType::remote, "remote"}}};
constexpr Table<Direction, 3> kDirection{
    {{Direction::in, "in"}, {Direction::out, "out"}, {Direction::both, "both"}}};

template <class E, std::size_t N>
std::string_view name_of(const Table<E, N>& table, E v) noexcept {
  for (const auto& [value, name] : table)
    if (value == v) return name;
  return "?";
}

template <class E, std::size_t N>
std::optional<E> by_name(const Table<E, N>& table, std::string_view s) noexcept {
  for (const auto& [value, name] : table)
    if (name == s) return value;
  return std::nullopt;
}

template <class E, std::size_t N>
std::optional<E> by_int(const Table<E, N>& table, std::uint64_t v) noexcept {
  for (const auto& [value, name] : table)
    if (static_cast<std::uint64_t>(value) == v) return value;
  return std::nullopt;
}

}  // namespace

std::string_view to_string(OverrunPolicy v) noexcept {
  return name_of(kOverrun, v);
}
std::string_view to_string(PeerType v) noexcept {
  return name_of(kPeer, v);
}
std::string_view to_string(Direction v) noexcept {
  return name_of(kDirection, v);
}

std::optional<OverrunPolicy> parse_overrun_policy(std::string_view s) noexcept {
  return by_name(kOverrun, s);
}
std::optional<PeerType> parse_peer_type(std::string_view s) noexcept {
  return by_name(kPeer, s);
}
std::optional<Direction> parse_direction(std::string_view s) noexcept {
  return by_name(kDirection, s);
}

std::optional<OverrunPolicy> overrun_policy_from_int(std::uint64_t v) noexcept {
  return by_int(kOverrun, v);
}
std::optional<PeerType> peer_type_from_int(std::uint64_t v) noexcept {
  return by_int(kPeer, v);
}
std::optional<Direction> direction_from_int(std::uint64_t v) noexcept {
  return by_int(kDirection, v);
}

std::string_view overrun_policy_names() noexcept {
  return "skip|preempt_resume|stop";
}
std::string_view peer_type_names() noexcept {
  return "local|container|remote";
}
std::string_view direction_names() noexcept {
  return "in|out|both";
}

}  // namespace tc::metadata
