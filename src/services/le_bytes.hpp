// tinycontainer services — little-endian loads and stores for the wire formats (wire.h).
//
// Contract: byte-wise, alignment-free, independent of the host's endianness. The caller
// guarantees the span holds the bytes (these are the primitives; parsers check lengths).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>

namespace tc::services {

template <class T>
[[nodiscard]] constexpr T load_le(std::span<const std::uint8_t> b, std::size_t off) noexcept {
  using U = std::make_unsigned_t<T>;
  std::uint64_t v = 0;  // unsigned arithmetic: no shift into a sign bit
  for (std::size_t i = 0; i < sizeof(T); ++i) v |= std::uint64_t{b[off + i]} << (8 * i);
  return static_cast<T>(static_cast<U>(v));  // two's complement (C++20) for signed T
}

template <class T>
constexpr void store_le(std::span<std::uint8_t> b, std::size_t off, T v) noexcept {
  using U = std::make_unsigned_t<T>;
  const auto u = static_cast<U>(v);
  for (std::size_t i = 0; i < sizeof(T); ++i)
    b[off + i] = static_cast<std::uint8_t>(u >> (8 * i));
}

}  // namespace tc::services
