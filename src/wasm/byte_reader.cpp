#include "wasm/byte_reader.hpp"

namespace tc::wasm {

bool is_valid_utf8(const std::uint8_t* p, std::size_t n) noexcept {
  std::size_t i = 0;
  while (i < n) {
    const std::uint8_t b = p[i];
    if (b < 0x80) { ++i; continue; }
    std::size_t len;
    std::uint32_t cp;
    if ((b & 0xE0) == 0xC0) { len = 2; cp = b & 0x1F; }
    else if ((b & 0xF0) == 0xE0) { len = 3; cp = b & 0x0F; }
    else if ((b & 0xF8) == 0xF0) { len = 4; cp = b & 0x07; }
    else return false;
    if (i + len > n) return false;
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return false;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += len;
  }
  return true;
}

std::string ByteReader::name() noexcept {
  const std::uint32_t n = u32();
  if (!ok()) return {};
  if (n > remaining()) { fail("unexpected end"); return {}; }
  const std::uint8_t* b = bytes(n);
  if (!b) return {};
  if (!is_valid_utf8(b, n)) { fail("malformed UTF-8 encoding"); return {}; }
  return std::string(reinterpret_cast<const char*>(b), n);
}

}  // namespace tc::wasm
