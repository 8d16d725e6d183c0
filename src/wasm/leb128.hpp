// tinycontainer wasm — LEB128 decoding (spec §5.2.2 "Integers").
//
// Contract: decode an unsigned/signed LEB128 integer of N bits from [p, end) with the
// spec's exact bounds: at most ceil(N/7) bytes; in the last byte the bits beyond N must
// be zero (unsigned) or a sign extension of bit N-1 (signed). On success advance `p`
// and return true; on truncation, overlong or too-large encodings return false with
// `p` unspecified and `*error` naming the problem (the testsuite's wording).
#pragma once

#include <cstdint>

namespace tc::wasm {

template <unsigned N>
[[nodiscard]] inline bool read_uleb(const std::uint8_t*& p, const std::uint8_t* end,
                                    std::uint64_t& out, const char** error) noexcept {
  static_assert(N > 0 && N <= 64);
  constexpr unsigned max_bytes = (N + 6) / 7;
  std::uint64_t result = 0;
  for (unsigned i = 0; i < max_bytes; ++i) {
    if (p == end) { *error = "unexpected end"; return false; }
    const std::uint8_t b = *p++;
    const unsigned shift = 7 * i;
    if (i == max_bytes - 1) {
      const unsigned used = N - shift;  // bits that may be set in this byte (1..7)
      if (b & 0x80) { *error = "integer representation too long"; return false; }
      if (used < 7 && (b >> used) != 0) { *error = "integer too large"; return false; }
    }
    result |= static_cast<std::uint64_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) { out = result; return true; }
  }
  *error = "integer representation too long";
  return false;
}

template <unsigned N>
[[nodiscard]] inline bool read_sleb(const std::uint8_t*& p, const std::uint8_t* end,
                                    std::int64_t& out, const char** error) noexcept {
  static_assert(N > 0 && N <= 64);
  constexpr unsigned max_bytes = (N + 6) / 7;
  std::uint64_t result = 0;
  for (unsigned i = 0; i < max_bytes; ++i) {
    if (p == end) { *error = "unexpected end"; return false; }
    const std::uint8_t b = *p++;
    const unsigned shift = 7 * i;
    if (i == max_bytes - 1) {
      if (b & 0x80) { *error = "integer representation too long"; return false; }
      const unsigned used = N - shift;  // value bits in this byte (1..7)
      if (used < 7) {
        // bits [used-1, 6] must all equal the sign bit (bit used-1)
        const std::uint8_t upper = static_cast<std::uint8_t>((b & 0x7F) >> (used - 1));
        const std::uint8_t all = static_cast<std::uint8_t>(0x7F >> (used - 1));
        if (upper != 0 && upper != all) { *error = "integer too large"; return false; }
      }
    }
    result |= static_cast<std::uint64_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) {
      const unsigned total = shift + 7;
      if (total < 64 && (b & 0x40)) result |= ~std::uint64_t{0} << total;
      out = static_cast<std::int64_t>(result);
      return true;
    }
  }
  *error = "integer representation too long";
  return false;
}

}  // namespace tc::wasm
