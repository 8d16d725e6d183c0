// tinycontainer — a secret key that signs (Ed25519) or authenticates (HMAC-SHA256)
// metadata and reconfiguration documents.
//
// Contract: an Ed25519 key is built from a 32-byte seed or a 64-byte libsodium secret key
// (seed ‖ public key; the public half is checked against the seed); an HMAC key is 32
// bytes. Secret bytes are wiped (sodium_memzero) on destruction; the type is move-only.
// load_signing_key reads a key file (raw or hex, see key_store.hpp read_key_file).
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <span>

#include "common/error.hpp"
#include "metadata/key_store.hpp"

namespace tc::metadata {

class SigningKey {
 public:
  [[nodiscard]] static Result<SigningKey> ed25519(std::span<const std::uint8_t> seed_or_secret);
  [[nodiscard]] static Result<SigningKey> hmac_sha256(std::span<const std::uint8_t> key);
  [[nodiscard]] static SigningKey generate_ed25519();  // from libsodium's CSPRNG
  [[nodiscard]] static SigningKey generate_hmac_sha256();

  SigningKey(SigningKey&& other) noexcept;
  SigningKey& operator=(SigningKey&& other) noexcept;
  SigningKey(const SigningKey&) = delete;
  SigningKey& operator=(const SigningKey&) = delete;
  ~SigningKey();

  // ed25519_public for an Ed25519 key, hmac_sha256 for an HMAC key.
  [[nodiscard]] KeyType type() const noexcept { return type_; }
  // The key a verifier configures: the Ed25519 public key, or the HMAC key itself.
  [[nodiscard]] std::span<const std::uint8_t, 32> verification_key() const noexcept;
  // Ed25519: the 64-byte libsodium secret key; HMAC: the first 32 bytes are the key.
  [[nodiscard]] std::span<const std::uint8_t> secret() const noexcept;

 private:
  SigningKey() = default;
  KeyType type_ = KeyType::ed25519_public;
  std::array<std::uint8_t, 64> secret_{};
  std::array<std::uint8_t, 32> public_{};
};

enum class SigningAlgorithm : std::uint8_t { ed25519, hmac_sha256 };

[[nodiscard]] Result<SigningKey> load_signing_key(const std::filesystem::path& file,
                                                  SigningAlgorithm alg);

}  // namespace tc::metadata
