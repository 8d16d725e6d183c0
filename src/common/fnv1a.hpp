// tinycontainer — FNV-1a 64-bit hash of a byte string.
//
// Contract: deterministic across runs and builds (usable for cache file names); NOT
// collision-resistant — callers that key caches by it must compare the full key too.
#pragma once

#include <cstdint>
#include <string_view>

namespace tc {

[[nodiscard]] constexpr std::uint64_t fnv1a(std::string_view bytes) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const unsigned char ch : bytes) {
    h ^= ch;
    h *= 0x100000001b3ULL;
  }
  return h;
}

}  // namespace tc
