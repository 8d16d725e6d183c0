// tinycontainer services — little-endian loads and stores for the wire formats (wire.h).
//
// Contract: byte-wise, alignment-free, independent of the host's endianness. The caller
// guarantees the span holds the bytes (these are the primitives; parsers check lengths).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace tc::services {

template <class T>
[[nodiscard]] constexpr T load_le(std::span<const std::uint8_t> b, std::size_t off) noexcept {
  T v = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i)
    v = static_cast<T>(v | static_cast<T>(static_cast<T>(b[off + i]) << (8 * i)));
  return v;
}

template <class T>
constexpr void store_le(std::span<std::uint8_t> b, std::size_t off, T v) noexcept {
  using U = std::make_unsigned_t<T>;
  const auto u = static_cast<U>(v);
  for (std::size_t i = 0; i < sizeof(T); ++i)
    b[off + i] = static_cast<std::uint8_t>(u >> (8 * i));
}

}  // namespace tc::services
