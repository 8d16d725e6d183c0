#include "metadata/key_store.hpp"

#include <sodium.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "metadata/digest.hpp"
#include "metadata/text_rules.hpp"

namespace tc::metadata {
namespace {

namespace fs = std::filesystem;

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string_view trim(std::string_view s) {
  const auto ws = [](char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return s;
}

std::string sizes_text(std::span<const std::size_t> sizes) {
  std::string out;
  for (auto n : sizes) {
    if (!out.empty()) out += " or ";
    out += std::to_string(n);
  }
  return out;
}

}  // namespace

KeyStore::~KeyStore() {
  for (auto& k : keys_) sodium_memzero(k.bytes.data(), k.bytes.size());
}

bool is_kid(std::string_view kid) noexcept {
  return !kid.empty() && kid.size() <= 64 && kid != "." && kid != ".." &&
         std::all_of(kid.begin(), kid.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '_' || c == '-';
         });
}

Result<void> KeyStore::add(std::string_view kid, KeyType type, std::span<const std::uint8_t> key) {
  if (!is_kid(kid))
    return make_error(Phase::config,
                      "key id " + quote_untrusted(kid) + " is malformed (1..64 of [A-Za-z0-9._-])");
  if (key.size() != 32)
    return make_error(Phase::config, "key " + quote_untrusted(kid) + ": expected 32 bytes, got " +
                                         std::to_string(key.size()));
  if (find(kid) != nullptr)
    return make_error(Phase::config, "key id " + quote_untrusted(kid) + " is defined twice");
  VerificationKey k{std::string(kid), type, {}};
  std::copy(key.begin(), key.end(), k.bytes.begin());
  keys_.push_back(std::move(k));
  return {};
}

const VerificationKey* KeyStore::find(std::string_view kid) const noexcept {
  for (const auto& k : keys_)
    if (k.kid == kid) return &k;
  return nullptr;
}

Result<std::vector<std::uint8_t>> read_key_file(const fs::path& file,
                                                std::span<const std::size_t> sizes) {
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec) return make_error(Phase::io, file.string() + ": " + ec.message());
  if (size > 4096) return make_error(Phase::config, file.string() + ": too large for a key file");
  std::ifstream in(file, std::ios::binary);
  if (!in) return sys_error(Phase::io, file.string() + ": cannot open");
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::uint8_t> out;
  // Hex first: a 64-digit hex file must not be taken for a raw 64-byte key.
  auto hex = decode_hex(trim(content));
  const auto accepted = [&](std::size_t n) {
    return std::find(sizes.begin(), sizes.end(), n) != sizes.end();
  };
  if (hex && accepted(hex->size())) {
    out.assign(hex->begin(), hex->end());
    sodium_memzero(hex->data(), hex->size());
  } else if (accepted(content.size())) {
    out.assign(content.begin(), content.end());
  } else {
    sodium_memzero(content.data(), content.size());
    return make_error(Phase::config, file.string() + ": expected a key of " + sizes_text(sizes) +
                                         " bytes, raw or hex (" + std::to_string(content.size()) +
                                         " bytes read)");
  }
  if (hex) sodium_memzero(hex->data(), hex->size());
  sodium_memzero(content.data(), content.size());
  return out;
}

Result<KeyStore> load_key_dir(const fs::path& dir) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) return make_error(Phase::io, dir.string() + ": " + ec.message());
  std::vector<fs::path> files;
  for (const auto& entry : it) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  KeyStore store;
  static constexpr std::size_t k32[] = {32};
  for (const auto& file : files) {
    const std::string name = file.filename().string();
    KeyType type{};
    std::string_view kid;
    if (ends_with(name, ".ed25519.pub")) {
      type = KeyType::ed25519_public;
      kid = std::string_view(name).substr(0, name.size() - 12);
    } else if (ends_with(name, ".hmac")) {
      type = KeyType::hmac_sha256;
      kid = std::string_view(name).substr(0, name.size() - 5);
    } else {
      return make_error(Phase::config, file.string() +
                                           ": unknown key file (expected <kid>.ed25519.pub or "
                                           "<kid>.hmac)");
    }
    if (!fs::is_regular_file(file, ec))
      return make_error(Phase::config, file.string() + ": not a regular file");
    auto key = read_key_file(file, k32);
    if (!key) return std::unexpected(key.error());
    auto added = store.add(kid, type, *key);
    sodium_memzero(key->data(), key->size());
    if (!added) return make_error(Phase::config, file.string() + ": " + added.error().message);
  }
  return store;
}

}  // namespace tc::metadata
