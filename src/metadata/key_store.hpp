// tinycontainer — the verification keys a host trusts, by key id (kid).
//
// Contract:
//  * A kid is 1..64 characters of [A-Za-z0-9._-] (it doubles as a file name stem).
//  * KeyStore holds Ed25519 public keys (32 bytes, RFC 8032) and HMAC-SHA256 keys
//    (32 bytes). add() rejects a malformed kid, a wrong key length and a kid that is
//    already present. find() never allocates.
//  * load_key_dir(dir) reads every regular file of `dir`: "<kid>.ed25519.pub" is an
//    Ed25519 public key, "<kid>.hmac" an HMAC key; a file with any other name is an error
//    (a misnamed key must not be silently ignored). Key files hold the key raw (exactly 32
//    bytes) or as 64 hex digits (surrounding whitespace ignored). Errors name the file.
//  * HMAC keys are secrets: the store wipes them (sodium_memzero) when destroyed.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace tc::metadata {

enum class KeyType : std::uint8_t { ed25519_public, hmac_sha256 };

struct VerificationKey {
  std::string kid;
  KeyType type = KeyType::ed25519_public;
  std::array<std::uint8_t, 32> bytes{};
};

class KeyStore {
 public:
  KeyStore() = default;
  KeyStore(const KeyStore&) = delete;
  KeyStore& operator=(const KeyStore&) = delete;
  KeyStore(KeyStore&&) noexcept = default;
  KeyStore& operator=(KeyStore&&) noexcept = default;
  ~KeyStore();

  [[nodiscard]] Result<void> add(std::string_view kid, KeyType type,
                                 std::span<const std::uint8_t> key);
  [[nodiscard]] const VerificationKey* find(std::string_view kid) const noexcept;
  [[nodiscard]] std::size_t size() const noexcept { return keys_.size(); }

 private:
  std::vector<VerificationKey> keys_;
};

[[nodiscard]] bool is_kid(std::string_view kid) noexcept;

[[nodiscard]] Result<KeyStore> load_key_dir(const std::filesystem::path& dir);

// Reads a 32-or-64-byte key file (raw, or hex with optional surrounding whitespace).
// `sizes` lists the accepted decoded lengths. The result must be wiped by the caller
// when it is a secret (SecretKey below does).
[[nodiscard]] Result<std::vector<std::uint8_t>> read_key_file(const std::filesystem::path& file,
                                                              std::span<const std::size_t> sizes);

}  // namespace tc::metadata
