#include "services/log_line.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

namespace tc::services {
namespace {

// Length of the valid UTF-8 sequence starting at b[i] (1..4), or 0 when invalid.
std::size_t utf8_length(std::span<const std::uint8_t> b, std::size_t i) noexcept {
  const std::uint8_t c = b[i];
  if (c < 0x80) return 1;
  std::size_t n = 0;
  std::uint32_t cp = 0;
  if ((c & 0xE0) == 0xC0) n = 2, cp = c & 0x1F;
  else if ((c & 0xF0) == 0xE0) n = 3, cp = c & 0x0F;
  else if ((c & 0xF8) == 0xF0) n = 4, cp = c & 0x07;
  else return 0;
  if (i + n > b.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((b[i + k] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b[i + k] & 0x3F);
  }
  static constexpr std::uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  if (cp >= 0x80 && cp <= 0x9F) return 0;  // C1 controls: escape them too
  return n;
}

void append_escaped_byte(std::string& out, std::uint8_t c) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\x";
  out += kHex[c >> 4];
  out += kHex[c & 0xF];
}

// Appends the escaped form of the character at b[i] to out; returns its source length.
std::size_t append_escaped(std::string& out, std::span<const std::uint8_t> b, std::size_t i) {
  const std::uint8_t c = b[i];
  if (c == '\\') {
    out += "\\\\";
    return 1;
  }
  if (c < 0x20 || c == 0x7F) {
    append_escaped_byte(out, c);
    return 1;
  }
  if (const std::size_t n = utf8_length(b, i); n > 0) {
    out.append(reinterpret_cast<const char*>(b.data() + i), n);
    return n;
  }
  append_escaped_byte(out, c);
  return 1;
}

}  // namespace

std::string sanitize_log_line(std::span<const std::uint8_t> bytes, std::size_t max_bytes) {
  if (!bytes.empty() && bytes.back() == '\n') bytes = bytes.first(bytes.size() - 1);
  if (!bytes.empty() && bytes.back() == '\r') bytes = bytes.first(bytes.size() - 1);
  static constexpr std::string_view kCut = "...";
  std::string out;
  out.reserve(std::min(max_bytes, bytes.size()) + 4);
  std::vector<std::size_t> starts;  // piece (character or escape) starts near the cap
  for (std::size_t i = 0; i < bytes.size();) {
    const std::size_t start = out.size();
    i += append_escaped(out, bytes, i);
    if (out.size() > max_bytes) {
      // Cut on a piece boundary (never inside a character or an escape) so "..." fits.
      out.resize(start);
      while (!starts.empty() && out.size() + kCut.size() > max_bytes) {
        out.resize(starts.back());
        starts.pop_back();
      }
      if (out.size() + kCut.size() <= max_bytes) out += kCut;
      return out;
    }
    // Only the last few boundaries can matter for a cut (a piece is ≤ 4 bytes).
    if (start + kCut.size() + 4 >= max_bytes) starts.push_back(start);
  }
  return out;
}

}  // namespace tc::services
