// tinycontainer — the text names of metadata enums, shared by both codecs and errors.
//
// Contract: each enum has one table of {value, name}; parse_* returns nullopt for a name
// not in the table (the codec turns that into "expected one of a|b|c, got \"x\"").
// The numeric value of an enum is its CBOR encoding.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "metadata/endpoint.hpp"
#include "metadata/scheduling.hpp"

namespace tc::metadata {

[[nodiscard]] std::string_view to_string(OverrunPolicy v) noexcept;
[[nodiscard]] std::string_view to_string(PeerType v) noexcept;
[[nodiscard]] std::string_view to_string(Direction v) noexcept;

[[nodiscard]] std::optional<OverrunPolicy> parse_overrun_policy(std::string_view s) noexcept;
[[nodiscard]] std::optional<PeerType> parse_peer_type(std::string_view s) noexcept;
[[nodiscard]] std::optional<Direction> parse_direction(std::string_view s) noexcept;

[[nodiscard]] std::optional<OverrunPolicy> overrun_policy_from_int(std::uint64_t v) noexcept;
[[nodiscard]] std::optional<PeerType> peer_type_from_int(std::uint64_t v) noexcept;
[[nodiscard]] std::optional<Direction> direction_from_int(std::uint64_t v) noexcept;

// "skip|preempt_resume|stop" and friends, for error messages.
[[nodiscard]] std::string_view overrun_policy_names() noexcept;
[[nodiscard]] std::string_view peer_type_names() noexcept;
[[nodiscard]] std::string_view direction_names() noexcept;

}  // namespace tc::metadata
