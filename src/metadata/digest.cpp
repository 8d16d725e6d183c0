#include "metadata/digest.hpp"

#include <sodium.h>

namespace tc::metadata {
namespace {

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Sha256 sha256_of(std::span<const std::uint8_t> bytes) noexcept {
  Sha256 out{};
  crypto_hash_sha256(out.data(), bytes.data(), bytes.size());
  return out;
}

Result<std::string> decode_hex(std::string_view hex) {
  if (hex.size() % 2 != 0)
    return make_error(Phase::config,
                      "odd number of hex digits (" + std::to_string(hex.size()) + ")");
  std::string out;
  out.reserve(hex.size() / 2);
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = hex_value(hex[i]);
    const int lo = hex_value(hex[i + 1]);
    if (hi < 0 || lo < 0)
      return make_error(Phase::config,
                        "invalid hex digit at offset " + std::to_string(hi < 0 ? i : i + 1));
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

Result<Sha256> parse_sha256_hex(std::string_view hex) {
  if (hex.size() != 64)
    return make_error(Phase::config, "expected 64 hex digits (SHA-256), got " +
                                         std::to_string(hex.size()) + " characters");
  auto bytes = decode_hex(hex);
  if (!bytes) return std::unexpected(bytes.error());
  Sha256 out{};
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<std::uint8_t>((*bytes)[i]);
  return out;
}

std::string to_hex(std::span<const std::uint8_t> bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (auto b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0xf]);
  }
  return out;
}

}  // namespace tc::metadata
