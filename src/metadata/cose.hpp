// tinycontainer — COSE_Sign1 (Ed25519) and COSE_Mac0 (HMAC-SHA256) envelopes, RFC 9052.
//
// Contract:
//  * cose_protect() wraps `payload` in a tagged COSE_Sign1 (tag 18, alg -8 EdDSA,
//    signature over Sig_structure = ["Signature1", protected, external_aad, payload],
//    RFC 9052 §4.4) for an Ed25519 key, or a tagged COSE_Mac0 (tag 17, alg 5 HMAC 256/256,
//    tag over MAC_structure = ["MAC0", protected, external_aad, payload], §6.3) for an HMAC
//    key. The protected header is the canonical map {1: alg, 4: kid}; the unprotected
//    header is empty; the payload is attached.
//  * cose_verify() accepts exactly that shape and returns the payload only after the
//    signature/tag verified with the key the KeyStore holds for the kid. It rejects, with
//    a precise message: malformed CBOR, a missing or unknown tag, a wrong array shape,
//    protected header labels other than alg and kid, a non-empty unprotected header, a
//    detached payload, an alg other than the one the envelope type requires (Sign1 ↔ -8,
//    Mac0 ↔ 5), an unknown kid, a key of the other type (HMAC key for a Sign1 and vice
//    versa), a wrong signature/tag length and a bad signature/tag. The MAC comparison is
//    constant-time (crypto_auth_hmacsha256_verify).
//  * external_aad is the domain label of the document type (kMetadataAad,
//    kReconfigurationAad): a signature over one kind of document never verifies as the other.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "common/error.hpp"
#include "metadata/cbor_item.hpp"
#include "metadata/key_store.hpp"
#include "metadata/signing_key.hpp"

namespace tc::metadata {

inline constexpr std::uint64_t kTagCoseSign1 = 18;
inline constexpr std::uint64_t kTagCoseMac0 = 17;
inline constexpr std::int64_t kAlgEdDSA = -8;
inline constexpr std::int64_t kAlgHmac256 = 5;
inline constexpr std::string_view kMetadataAad = "tinycontainer/metadata/v1";
inline constexpr std::string_view kReconfigurationAad = "tinycontainer/reconfiguration/v1";

enum class CoseKind : std::uint8_t { sign1, mac0 };

struct VerifiedPayload {
  Bytes payload;
  std::string kid;
  CoseKind kind = CoseKind::sign1;
};

// True when the bytes start with CBOR tag 17 or 18 (a COSE_Mac0 / COSE_Sign1 candidate).
[[nodiscard]] bool looks_like_cose(std::span<const std::uint8_t> bytes) noexcept;

[[nodiscard]] Result<Bytes> cose_protect(std::span<const std::uint8_t> payload,
                                         std::string_view kid, const SigningKey& key,
                                         std::string_view external_aad);

[[nodiscard]] Result<VerifiedPayload> cose_verify(std::span<const std::uint8_t> envelope,
                                                  const KeyStore& keys,
                                                  std::string_view external_aad);

}  // namespace tc::metadata
