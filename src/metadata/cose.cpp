#include "metadata/cose.hpp"

#include <sodium.h>

#include <vector>

#include "metadata/text_rules.hpp"
#include "metadata/try.hpp"

namespace tc::metadata {
namespace {

enum HeaderLabel : std::uint64_t { kLabelAlg = 1, kLabelKid = 4 };

struct Envelope {
  CoseKind kind = CoseKind::sign1;
  std::int64_t alg = 0;
  std::string kid;
  std::span<const std::uint8_t> protected_header;
  std::span<const std::uint8_t> payload;
  std::span<const std::uint8_t> signature;
};

std::unexpected<Error> cose_error(std::string_view what) {
  return make_error(Phase::security, "COSE: " + std::string(what));
}

std::string_view kind_name(CoseKind k) {
  return k == CoseKind::sign1 ? "COSE_Sign1" : "COSE_Mac0";
}

// ["Signature1" | "MAC0", protected, external_aad, payload] in canonical CBOR.
Bytes to_be_authenticated(CoseKind kind, std::span<const std::uint8_t> protected_header,
                          std::string_view aad, std::span<const std::uint8_t> payload) {
  std::vector<CborItem> items;
  items.push_back(cbor_text(kind == CoseKind::sign1 ? "Signature1" : "MAC0"));
  items.push_back(cbor_bytes(protected_header));
  items.push_back(cbor_bytes({reinterpret_cast<const std::uint8_t*>(aad.data()), aad.size()}));
  items.push_back(cbor_bytes(payload));
  return serialize(cbor_array(std::move(items)).get());
}

Result<std::int64_t> read_alg(const cbor_item_t* v) {
  if (cbor_isa_uint(v) && cbor_get_int(v) <= INT64_MAX)
    return static_cast<std::int64_t>(cbor_get_int(v));
  if (cbor_isa_negint(v) && cbor_get_int(v) < INT64_MAX)
    return -1 - static_cast<std::int64_t>(cbor_get_int(v));
  return cose_error("protected header alg: expected an integer, got " +
                    std::string(cbor_type_name(v)));
}

Result<void> read_protected(Envelope& env) {
  if (env.protected_header.empty())
    return cose_error("empty protected header (alg and kid required)");
  TC_TRY(map, parse_cbor(env.protected_header, 2));
  if (!cbor_isa_map(map->get())) return cose_error("protected header is not a map");
  const cbor_pair* pairs = cbor_map_handle(map->get());
  bool have_alg = false;
  bool have_kid = false;
  for (std::size_t i = 0; i < cbor_map_size(map->get()); ++i) {
    const cbor_item_t* key = pairs[i].key;
    const cbor_item_t* value = pairs[i].value;
    const std::uint64_t label = cbor_isa_uint(key) ? cbor_get_int(key) : UINT64_MAX;
    if (label == kLabelAlg && !have_alg) {
      TC_TRY(alg, read_alg(value));
      env.alg = *alg;
      have_alg = true;
    } else if (label == kLabelKid && !have_kid) {
      if (!cbor_isa_bytestring(value))
        return cose_error("protected header kid: expected a byte string");
      const auto b = bytes_value(value);
      env.kid.assign(b.begin(), b.end());
      have_kid = true;
    } else {
      return cose_error("unsupported or repeated protected header label");
    }
  }
  if (!have_alg) return cose_error("protected header has no alg (label 1)");
  if (!have_kid) return cose_error("protected header has no kid (label 4)");
  return {};
}

// libcbor 0.8 refuses tags 6..20 as "unassigned", so the one-byte COSE tag head
// (0xd2 / 0xd1, RFC 8949 §3.4) is read here and only the array goes to libcbor.
Result<Envelope> parse_envelope(std::span<const std::uint8_t> bytes, CborItem& body) {
  if (bytes.empty()) return cose_error("empty input");
  Envelope env;
  if (bytes[0] == 0xc0 + kTagCoseSign1)
    env.kind = CoseKind::sign1;
  else if (bytes[0] == 0xc0 + kTagCoseMac0)
    env.kind = CoseKind::mac0;
  else {
    static constexpr char kHex[] = "0123456789abcdef";
    const std::string first{'0', 'x', kHex[bytes[0] >> 4], kHex[bytes[0] & 0xf]};
    return cose_error("expected tag 18 (COSE_Sign1, 0xd2) or 17 (COSE_Mac0, 0xd1) first, got " +
                      first);
  }
  auto parsed = parse_cbor(bytes.subspan(1), 3);
  if (!parsed) return cose_error("array after the tag: " + parsed.error().message);
  body = std::move(*parsed);
  const cbor_item_t* arr = body.get();
  if (!cbor_isa_array(arr) || cbor_array_size(arr) != 4)
    return cose_error(std::string(kind_name(env.kind)) + " must be an array of 4 items");
  cbor_item_t** items = cbor_array_handle(arr);
  if (!cbor_isa_bytestring(items[0])) return cose_error("protected header must be a byte string");
  if (!cbor_isa_map(items[1])) return cose_error("unprotected header must be a map");
  if (cbor_map_size(items[1]) != 0)
    return cose_error("unprotected header must be empty (alg and kid are protected)");
  if (!cbor_isa_bytestring(items[2]))
    return cose_error(
        "payload must be an attached byte string (detached payloads are not supported)");
  if (!cbor_isa_bytestring(items[3])) return cose_error("signature/tag must be a byte string");
  env.protected_header = bytes_value(items[0]);
  env.payload = bytes_value(items[2]);
  env.signature = bytes_value(items[3]);
  if (auto r = read_protected(env); !r) return std::unexpected(r.error());
  return env;
}

Result<void> check_alg_and_key(const Envelope& env, const VerificationKey* key) {
  const std::int64_t want = env.kind == CoseKind::sign1 ? kAlgEdDSA : kAlgHmac256;
  if (env.alg != want)
    return cose_error(std::string(kind_name(env.kind)) + ": alg " + std::to_string(env.alg) +
                      " is not accepted (expected " + std::to_string(want) + ")");
  if (!is_kid(env.kid))
    return cose_error("protected header kid " + quote_untrusted(env.kid) +
                      " is malformed (1..64 of [A-Za-z0-9._-])");
  if (key == nullptr) return cose_error("unknown key id \"" + env.kid + "\"");
  const KeyType want_key =
      env.kind == CoseKind::sign1 ? KeyType::ed25519_public : KeyType::hmac_sha256;
  if (key->type != want_key)
    return cose_error("key \"" + env.kid + "\" is " +
                      (key->type == KeyType::hmac_sha256 ? "an HMAC key" : "an Ed25519 key") +
                      " but the envelope is a " + std::string(kind_name(env.kind)));
  const std::size_t want_len =
      env.kind == CoseKind::sign1 ? crypto_sign_BYTES : crypto_auth_hmacsha256_BYTES;
  if (env.signature.size() != want_len)
    return cose_error(std::string(kind_name(env.kind)) + ": expected a " +
                      std::to_string(want_len) + "-byte signature/tag, got " +
                      std::to_string(env.signature.size()));
  return {};
}

}  // namespace

bool looks_like_cose(std::span<const std::uint8_t> bytes) noexcept {
  return !bytes.empty() && (bytes[0] == 0xc0 + kTagCoseSign1 || bytes[0] == 0xc0 + kTagCoseMac0);
}

Result<Bytes> cose_protect(std::span<const std::uint8_t> payload, std::string_view kid,
                           const SigningKey& key, std::string_view external_aad) {
  if (sodium_init() < 0) return make_error(Phase::internal, "libsodium failed to initialize");
  if (!is_kid(kid))
    return make_error(Phase::usage, "key id " + quote_untrusted(kid) + " is malformed");
  const bool sign = key.type() == KeyType::ed25519_public;
  const CoseKind kind = sign ? CoseKind::sign1 : CoseKind::mac0;
  MapBuilder header;
  header.add(kLabelAlg, sign ? cbor_negative(7) : cbor_uint(kAlgHmac256));
  header.add(kLabelKid,
             cbor_bytes({reinterpret_cast<const std::uint8_t*>(kid.data()), kid.size()}));
  const Bytes protected_header = serialize(header.build().get());
  const Bytes tbs = to_be_authenticated(kind, protected_header, external_aad, payload);
  Bytes tag(sign ? crypto_sign_BYTES : crypto_auth_hmacsha256_BYTES);
  if (sign) {
    crypto_sign_detached(tag.data(), nullptr, tbs.data(), tbs.size(), key.secret().data());
  } else {
    crypto_auth_hmacsha256(tag.data(), tbs.data(), tbs.size(), key.secret().data());
  }
  std::vector<CborItem> items;
  items.push_back(cbor_bytes(protected_header));
  items.push_back(MapBuilder().build());
  items.push_back(cbor_bytes(payload));
  items.push_back(cbor_bytes(tag));
  return serialize(
      cbor_tagged(sign ? kTagCoseSign1 : kTagCoseMac0, cbor_array(std::move(items))).get());
}

Result<VerifiedPayload> cose_verify(std::span<const std::uint8_t> envelope, const KeyStore& keys,
                                    std::string_view external_aad) {
  if (sodium_init() < 0) return make_error(Phase::internal, "libsodium failed to initialize");
  CborItem body;
  TC_TRY(env, parse_envelope(envelope, body));
  const VerificationKey* key = keys.find(env->kid);
  if (auto r = check_alg_and_key(*env, key); !r) return std::unexpected(r.error());
  const Bytes tbs =
      to_be_authenticated(env->kind, env->protected_header, external_aad, env->payload);
  const bool ok = env->kind == CoseKind::sign1
                      ? crypto_sign_verify_detached(env->signature.data(), tbs.data(), tbs.size(),
                                                    key->bytes.data()) == 0
                      : crypto_auth_hmacsha256_verify(env->signature.data(), tbs.data(), tbs.size(),
                                                      key->bytes.data()) == 0;
  if (!ok)
    return cose_error(std::string(kind_name(env->kind)) + ": " +
                      (env->kind == CoseKind::sign1 ? "signature" : "MAC tag") +
                      " does not verify with key \"" + env->kid + "\"");
  return VerifiedPayload{Bytes(env->payload.begin(), env->payload.end()), env->kid, env->kind};
}

}  // namespace tc::metadata
