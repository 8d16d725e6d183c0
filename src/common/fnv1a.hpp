// tinycontainer — FNV-1a 64-bit hash of a byte string.
//
// Contract: deterministic across runs and builds (usable for cache file names); NOT
// collision-resistant — callers that key caches by it must compare the full key too.
#pragma once

#include <cstdint>
#include <string_view>

namespace tc {

inline constexpr std::uint64_t kFnv1aBasis = 0xcbf29ce484222325ULL;

// Continues a hash: fnv1a(b, fnv1a(a)) == fnv1a(a + b), so a constant prefix can be
// hashed at compile time.
[[nodiscard]] constexpr std::uint64_t fnv1a(std::string_view bytes, std::uint64_t h) noexcept {
  for (const unsigned char ch : bytes) {
    h ^= ch;
    h *= 0x100000001b3ULL;
  }
  return h;
}

[[nodiscard]] constexpr std::uint64_t fnv1a(std::string_view bytes) noexcept {
  return fnv1a(bytes, kFnv1aBasis);
}

}  // namespace tc
