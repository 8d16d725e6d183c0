// tinycontainer — RAII and small helpers over libcbor items (RFC 8949).
//
// Contract:
//  * CborItem owns one libcbor reference and releases it with cbor_decref.
//  * check_well_formed() walks the bytes with libcbor's streaming decoder *before* any
//    tree is built, and accepts only: definite-length items, integers, byte and text
//    strings, arrays, maps and tags, at most `max_depth` levels deep, with every declared
//    array/map length ≤ the bytes left (so a 5-byte input cannot ask for a 32 GiB array),
//    and exactly one top-level item (no trailing bytes). Floats, simple values and
//    indefinite lengths are rejected: no metadata field uses them.
//  * parse_cbor() = check_well_formed + cbor_load.
//  * The builders return items in their shortest (preferred) encoding, and MapBuilder
//    emits keys in ascending order, so serialize() output is deterministic (RFC 8949
//    §4.2.1 core deterministic encoding, for our integer-keyed maps).
//  * libcbor allocation failures surface as std::bad_alloc.
#pragma once

#include <cbor.h>

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.hpp"

namespace tc::metadata {

struct CborDecref {
  void operator()(cbor_item_t* item) const noexcept {
    if (item != nullptr) cbor_decref(&item);
  }
};
using CborItem = std::unique_ptr<cbor_item_t, CborDecref>;

using Bytes = std::vector<std::uint8_t>;

inline constexpr std::size_t kMaxCborBytes = 256 * 1024;

[[nodiscard]] Result<void> check_well_formed(std::span<const std::uint8_t> bytes,
                                             std::size_t max_depth);
[[nodiscard]] Result<CborItem> parse_cbor(std::span<const std::uint8_t> bytes,
                                          std::size_t max_depth = 16);

[[nodiscard]] Bytes serialize(const cbor_item_t* item);

// Builders (never null; throw std::bad_alloc when libcbor cannot allocate).
[[nodiscard]] CborItem cbor_uint(std::uint64_t v);
[[nodiscard]] CborItem cbor_negative(std::uint64_t minus_one_minus_value);  // -1 - v
[[nodiscard]] CborItem cbor_text(std::string_view s);
[[nodiscard]] CborItem cbor_bytes(std::span<const std::uint8_t> b);
[[nodiscard]] CborItem cbor_array(std::vector<CborItem> items);
[[nodiscard]] CborItem cbor_tagged(std::uint64_t tag, CborItem item);

class MapBuilder {
 public:
  MapBuilder& add(std::uint64_t key, CborItem value);
  [[nodiscard]] CborItem build();  // keys sorted ascending

 private:
  std::vector<std::pair<std::uint64_t, CborItem>> entries_;
};

// Reading helpers: integers of any width as uint64_t; strings must be definite
// (guaranteed after parse_cbor).
[[nodiscard]] bool is_uint(const cbor_item_t* item) noexcept;
[[nodiscard]] std::uint64_t uint_value(const cbor_item_t* item) noexcept;
[[nodiscard]] std::string_view text_value(const cbor_item_t* item) noexcept;
[[nodiscard]] std::span<const std::uint8_t> bytes_value(const cbor_item_t* item) noexcept;
// A short name for error messages: "unsigned integer", "text string", "map", ...
[[nodiscard]] std::string_view cbor_type_name(const cbor_item_t* item) noexcept;

}  // namespace tc::metadata
