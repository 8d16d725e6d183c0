#include "metadata/signing_key.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

namespace tc::metadata {

Result<SigningKey> SigningKey::ed25519(std::span<const std::uint8_t> key) {
  if (sodium_init() < 0) return make_error(Phase::internal, "libsodium failed to initialize");
  if (key.size() != crypto_sign_SEEDBYTES && key.size() != crypto_sign_SECRETKEYBYTES)
    return make_error(Phase::config,
                      "Ed25519 signing key: expected a 32-byte seed or a 64-byte "
                      "secret key, got " +
                          std::to_string(key.size()) + " bytes");
  SigningKey k;
  k.type_ = KeyType::ed25519_public;
  crypto_sign_seed_keypair(k.public_.data(), k.secret_.data(), key.data());
  if (key.size() == crypto_sign_SECRETKEYBYTES &&
      !std::equal(k.public_.begin(), k.public_.end(), key.begin() + crypto_sign_SEEDBYTES))
    return make_error(Phase::config,
                      "Ed25519 signing key: the public half does not match the seed");
  return k;
}

Result<SigningKey> SigningKey::hmac_sha256(std::span<const std::uint8_t> key) {
  if (key.size() != crypto_auth_hmacsha256_KEYBYTES)
    return make_error(Phase::config,
                      "HMAC-SHA256 key: expected 32 bytes, got " + std::to_string(key.size()));
  SigningKey k;
  k.type_ = KeyType::hmac_sha256;
  std::copy(key.begin(), key.end(), k.secret_.begin());
  std::copy(key.begin(), key.end(), k.public_.begin());
  return k;
}

SigningKey SigningKey::generate_ed25519() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialize");
  std::array<std::uint8_t, 32> seed{};
  randombytes_buf(seed.data(), seed.size());
  SigningKey k = ed25519(seed).value();
  sodium_memzero(seed.data(), seed.size());
  return k;
}

SigningKey SigningKey::generate_hmac_sha256() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialize");
  std::array<std::uint8_t, 32> key{};
  crypto_auth_hmacsha256_keygen(key.data());
  SigningKey k = hmac_sha256(key).value();
  sodium_memzero(key.data(), key.size());
  return k;
}

SigningKey::SigningKey(SigningKey&& other) noexcept
    : type_(other.type_), secret_(other.secret_), public_(other.public_) {
  sodium_memzero(other.secret_.data(), other.secret_.size());
}

SigningKey& SigningKey::operator=(SigningKey&& other) noexcept {
  if (this != &other) {
    type_ = other.type_;
    secret_ = other.secret_;
    public_ = other.public_;
    sodium_memzero(other.secret_.data(), other.secret_.size());
  }
  return *this;
}

SigningKey::~SigningKey() {
  sodium_memzero(secret_.data(), secret_.size());
  if (type_ == KeyType::hmac_sha256) sodium_memzero(public_.data(), public_.size());
}

std::span<const std::uint8_t, 32> SigningKey::verification_key() const noexcept {
  return std::span<const std::uint8_t, 32>(public_);
}

std::span<const std::uint8_t> SigningKey::secret() const noexcept {
  return type_ == KeyType::hmac_sha256 ? std::span<const std::uint8_t>(secret_.data(), 32)
                                       : std::span<const std::uint8_t>(secret_);
}

Result<SigningKey> load_signing_key(const std::filesystem::path& file, SigningAlgorithm alg) {
  static constexpr std::size_t kEd[] = {32, 64};
  static constexpr std::size_t kHmac[] = {32};
  auto bytes =
      alg == SigningAlgorithm::ed25519 ? read_key_file(file, kEd) : read_key_file(file, kHmac);
  if (!bytes) return std::unexpected(bytes.error());
  auto key = alg == SigningAlgorithm::ed25519 ? SigningKey::ed25519(*bytes)
                                              : SigningKey::hmac_sha256(*bytes);
  sodium_memzero(bytes->data(), bytes->size());
  if (!key) return make_error(Phase::config, file.string() + ": " + key.error().message);
  return key;
}

}  // namespace tc::metadata
