// tinycontainer — SHA-256 digests of code, data and metadata.
//
// Contract: a Sha256 is exactly 32 bytes. Its text form is 64 lowercase hex digits;
// parse_sha256_hex accepts upper- or lowercase and rejects any other length or
// character. sha256_of hashes with libsodium's crypto_hash_sha256 (FIPS 180-4).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace tc::metadata {

using Sha256 = std::array<std::uint8_t, 32>;

[[nodiscard]] Sha256 sha256_of(std::span<const std::uint8_t> bytes) noexcept;

// "ab01..." (64 hex digits) → digest; the error message names neither path nor field:
// callers prefix it.
[[nodiscard]] Result<Sha256> parse_sha256_hex(std::string_view hex);
[[nodiscard]] std::string to_hex(std::span<const std::uint8_t> bytes);

// Decodes an even-length hex string of any size ("" → empty).
[[nodiscard]] Result<std::string> decode_hex(std::string_view hex);

}  // namespace tc::metadata
