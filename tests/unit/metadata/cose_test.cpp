#include "metadata/cose.hpp"

#include <gtest/gtest.h>

#include "metadata/cbor_codec.hpp"
#include "metadata/document.hpp"
#include "sample.hpp"

namespace tc::metadata {
namespace {

struct Keys {
  SigningKey ed = SigningKey::generate_ed25519();
  SigningKey other_ed = SigningKey::generate_ed25519();
  SigningKey mac = SigningKey::generate_hmac_sha256();
  KeyStore store;
  Keys() {
    EXPECT_TRUE(store.add("dev-ed", KeyType::ed25519_public, ed.verification_key()));
    EXPECT_TRUE(store.add("dev-mac", KeyType::hmac_sha256, mac.verification_key()));
  }
};

std::string verify_error(const Bytes& env, const KeyStore& store,
                         std::string_view aad = kMetadataAad) {
  auto r = cose_verify(env, store, aad);
  EXPECT_FALSE(r.has_value());
  return r ? std::string() : r.error().message;
}

const Bytes kPayload = encode_cbor(test::sample());

TEST(Cose, Sign1RoundTrip) {
  Keys k;
  auto env = cose_protect(kPayload, "dev-ed", k.ed, kMetadataAad);
  ASSERT_TRUE(env) << env.error().message;
  EXPECT_EQ((*env)[0], 0xd2);  // tag 18
  auto v = cose_verify(*env, k.store, kMetadataAad);
  ASSERT_TRUE(v) << v.error().message;
  EXPECT_EQ(v->payload, kPayload);
  EXPECT_EQ(v->kid, "dev-ed");
  EXPECT_EQ(v->kind, CoseKind::sign1);
}

TEST(Cose, Mac0RoundTrip) {
  Keys k;
  auto env = cose_protect(kPayload, "dev-mac", k.mac, kMetadataAad);
  ASSERT_TRUE(env) << env.error().message;
  EXPECT_EQ((*env)[0], 0xd1);  // tag 17
  auto v = cose_verify(*env, k.store, kMetadataAad);
  ASSERT_TRUE(v) << v.error().message;
  EXPECT_EQ(v->payload, kPayload);
  EXPECT_EQ(v->kind, CoseKind::mac0);
}

TEST(Cose, ProtectedHeaderIsCanonical) {
  Keys k;
  auto env = cose_protect(kPayload, "k", k.ed, kMetadataAad).value();
  // d2 84 | 46 (bstr 6) a2 01 27 04 41 'k' | a0 | payload...
  const Bytes head(env.begin(), env.begin() + 11);
  EXPECT_EQ(head, (Bytes{0xd2, 0x84, 0x46, 0xa2, 0x01, 0x27, 0x04, 0x41, 'k', 0xa0, 0x58}));
  auto mac = cose_protect(kPayload, "k", k.mac, kMetadataAad).value();
  const Bytes mhead(mac.begin(), mac.begin() + 10);
  EXPECT_EQ(mhead, (Bytes{0xd1, 0x84, 0x46, 0xa2, 0x01, 0x05, 0x04, 0x41, 'k', 0xa0}));
}

TEST(Cose, RejectsTamperedPayload) {
  Keys k;
  for (const SigningKey* key : {&k.ed, &k.mac}) {
    const char* kid = key == &k.ed ? "dev-ed" : "dev-mac";
    Bytes env = cose_protect(kPayload, kid, *key, kMetadataAad).value();
    env[env.size() - 80] ^= 0x01;  // a payload byte (the tag/signature is the last 32/64)
    EXPECT_NE(verify_error(env, k.store).find("does not verify with key"), std::string::npos);
  }
}

TEST(Cose, RejectsTamperedSignature) {
  Keys k;
  Bytes env = cose_protect(kPayload, "dev-ed", k.ed, kMetadataAad).value();
  env.back() ^= 0x80;
  EXPECT_EQ(verify_error(env, k.store),
            "COSE: COSE_Sign1: signature does not verify with key \"dev-ed\"");
}

TEST(Cose, RejectsWrongKey) {
  Keys k;
  Bytes env = cose_protect(kPayload, "dev-ed", k.other_ed, kMetadataAad).value();
  EXPECT_EQ(verify_error(env, k.store),
            "COSE: COSE_Sign1: signature does not verify with key \"dev-ed\"");
  SigningKey other_mac = SigningKey::generate_hmac_sha256();
  env = cose_protect(kPayload, "dev-mac", other_mac, kMetadataAad).value();
  EXPECT_EQ(verify_error(env, k.store),
            "COSE: COSE_Mac0: MAC tag does not verify with key \"dev-mac\"");
}

TEST(Cose, RejectsUnknownKid) {
  Keys k;
  Bytes env = cose_protect(kPayload, "stranger", k.ed, kMetadataAad).value();
  EXPECT_EQ(verify_error(env, k.store), "COSE: unknown key id \"stranger\"");
}

TEST(Cose, RejectsMacSignConfusion) {
  Keys k;
  // A Sign1 envelope naming the HMAC key, and a Mac0 envelope naming the Ed25519 key.
  Bytes env = cose_protect(kPayload, "dev-mac", k.ed, kMetadataAad).value();
  EXPECT_EQ(verify_error(env, k.store),
            "COSE: key \"dev-mac\" is an HMAC key but the envelope is a COSE_Sign1");
  env = cose_protect(kPayload, "dev-ed", k.mac, kMetadataAad).value();
  EXPECT_EQ(verify_error(env, k.store),
            "COSE: key \"dev-ed\" is an Ed25519 key but the envelope is a COSE_Mac0");
  // A Sign1 retagged as Mac0 (alg -8 under tag 17).
  env = cose_protect(kPayload, "dev-ed", k.ed, kMetadataAad).value();
  env[0] = 0xd1;
  EXPECT_EQ(verify_error(env, k.store), "COSE: COSE_Mac0: alg -8 is not accepted (expected 5)");
}

TEST(Cose, RejectsWrongAlg) {
  Keys k;
  Bytes env = cose_protect(kPayload, "dev-ed", k.ed, kMetadataAad).value();
  env[5] = 0x26;  // alg -7 (ES256) instead of -8
  EXPECT_EQ(verify_error(env, k.store), "COSE: COSE_Sign1: alg -7 is not accepted (expected -8)");
}

TEST(Cose, RejectsOtherDomain) {
  Keys k;
  Bytes env = cose_protect(kPayload, "dev-ed", k.ed, kReconfigurationAad).value();
  EXPECT_NE(verify_error(env, k.store, kMetadataAad).find("does not verify"), std::string::npos);
}

TEST(Cose, RejectsTruncatedAndGarbage) {
  Keys k;
  const Bytes env = cose_protect(kPayload, "dev-ed", k.ed, kMetadataAad).value();
  for (std::size_t cut : {std::size_t{2}, std::size_t{10}, env.size() / 2, env.size() - 1}) {
    Bytes t(env.begin(), env.begin() + static_cast<std::ptrdiff_t>(cut));
    EXPECT_EQ(verify_error(t, k.store).rfind("COSE: array after the tag: CBOR", 0), 0u) << cut;
  }
  EXPECT_EQ(verify_error(Bytes{}, k.store), "COSE: empty input");
  EXPECT_EQ(verify_error(Bytes{0x84, 0x40, 0xa0, 0x40, 0x40}, k.store),
            "COSE: expected tag 18 (COSE_Sign1, 0xd2) or 17 (COSE_Mac0, 0xd1) first, got 0x84");
  EXPECT_EQ(verify_error(Bytes{0xd8, 0x12, 0x80}, k.store),
            "COSE: expected tag 18 (COSE_Sign1, 0xd2) or 17 (COSE_Mac0, 0xd1) first, got 0xd8");
  EXPECT_EQ(verify_error(Bytes{0xd2}, k.store), "COSE: array after the tag: CBOR: empty input");
  EXPECT_EQ(verify_error(Bytes{0xd2, 0x83, 0x40, 0xa0, 0x40}, k.store),
            "COSE: COSE_Sign1 must be an array of 4 items");
  EXPECT_EQ(verify_error(Bytes{0xd2, 0x84, 0x40, 0xa0, 0x40, 0x40}, k.store),
            "COSE: empty protected header (alg and kid required)");
  EXPECT_EQ(verify_error(Bytes{0xd2, 0x84, 0x43, 0xa1, 0x01, 0x27, 0xa0, 0x40, 0x40}, k.store),
            "COSE: protected header has no kid (label 4)");
  EXPECT_EQ(verify_error(Bytes{0xd2, 0x84, 0x43, 0xa1, 0x03, 0x00, 0xa0, 0x40, 0x40}, k.store),
            "COSE: unsupported or repeated protected header label");
  EXPECT_EQ(verify_error(Bytes{0xd2, 0x84, 0x40, 0xa1, 0x04, 0x40, 0x40, 0x40}, k.store),
            "COSE: unprotected header must be empty (alg and kid are protected)");
  // Detached payload (nil) is refused — the well-formedness pass rejects simple values.
  EXPECT_EQ(verify_error(Bytes{0xd2, 0x84, 0x40, 0xa0, 0xf6, 0x40}, k.store),
            "COSE: array after the tag: CBOR at byte 3: simple value 'null'");
}

TEST(Cose, RejectsShortSignature) {
  Keys k;
  // protected {1:-8, 4:"dev-ed"}, empty unprotected, payload h'00', signature h'0000'
  Bytes env = {0xd2, 0x84, 0x4b, 0xa2, 0x01, 0x27, 0x04, 0x46, 'd',  'e',
               'v',  '-',  'e',  'd',  0xa0, 0x41, 0x00, 0x42, 0x00, 0x00};
  EXPECT_EQ(verify_error(env, k.store),
            "COSE: COSE_Sign1: expected a 64-byte signature/tag, got 2");
}

}  // namespace
}  // namespace tc::metadata

namespace tc::metadata {
namespace {

TEST(Cose, MalformedKidIsNotEchoedRaw) {
  // protected {1: -8, 4: h'1b5b'} (ESC [) — never looked up, escaped in the message.
  Bytes env = {0xd2, 0x84, 0x47, 0xa2, 0x01, 0x27, 0x04, 0x42,
               0x1b, '[',  0xa0, 0x41, 0x00, 0x58, 0x40};
  env.resize(env.size() + 64, 0);
  KeyStore none;
  auto r = cose_verify(env, none, kMetadataAad);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message,
            R"(COSE: protected header kid "\x1b[" is malformed (1..64 of [A-Za-z0-9._-]))");
}

}  // namespace
}  // namespace tc::metadata
