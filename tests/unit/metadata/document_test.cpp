#include "metadata/document.hpp"

#include <gtest/gtest.h>

#include "metadata/cbor_codec.hpp"
#include "metadata/json_codec.hpp"
#include "sample.hpp"

namespace tc::metadata {
namespace {

Bytes bytes_of(std::string_view s) {
  return Bytes(s.begin(), s.end());
}

struct Host {
  SigningKey ed = SigningKey::generate_ed25519();
  KeyStore keys;
  Host() { EXPECT_TRUE(keys.add("fleet", KeyType::ed25519_public, ed.verification_key())); }
};

TEST(MetadataDocument, DetectsForms) {
  EXPECT_EQ(detect_form(bytes_of("  \n{}")), DocumentForm::json);
  EXPECT_EQ(detect_form(encode_cbor(test::sample())), DocumentForm::cbor);
  EXPECT_EQ(detect_form(Bytes{0xd2, 0x84}), DocumentForm::cose);
  EXPECT_EQ(detect_form(Bytes{0xd1, 0x84}), DocumentForm::cose);
  EXPECT_EQ(detect_form(bytes_of("[1]")), DocumentForm::json);
  EXPECT_EQ(detect_form(Bytes{0x80}), DocumentForm::json);  // not a map: JSON parser reports it
  EXPECT_EQ(detect_form(Bytes{}), DocumentForm::json);
}

TEST(MetadataDocument, UnsignedAcceptedOnlyWhenPolicyAllows) {
  Host h;
  const Bytes json = bytes_of(encode_json(test::sample()));
  auto r = load_metadata(json, h.keys, LoadPolicy{false}, default_runtime_types());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->form, DocumentForm::json);
  EXPECT_FALSE(r->kid);
  EXPECT_EQ(r->digest, metadata_digest(test::sample()));
  auto refused = load_metadata(json, h.keys, LoadPolicy{true}, default_runtime_types());
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().phase, Phase::security);
  EXPECT_NE(refused.error().message.find("requires a signature"), std::string::npos);
  auto cbor =
      load_metadata(encode_cbor(test::sample()), h.keys, LoadPolicy{true}, default_runtime_types());
  EXPECT_FALSE(cbor);
}

TEST(MetadataDocument, SignedAcceptedWithRequiredSignature) {
  Host h;
  auto env = sign_metadata(test::sample(), "fleet", h.ed);
  ASSERT_TRUE(env) << env.error().message;
  auto r = load_metadata(*env, h.keys, LoadPolicy{true}, default_runtime_types());
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->metadata, test::sample());
  EXPECT_EQ(r->form, DocumentForm::cose);
  EXPECT_EQ(r->kid, "fleet");
  EXPECT_EQ(r->digest, metadata_digest(test::sample()));
}

TEST(MetadataDocument, SignedPayloadMustBeCanonicalAndBindCode) {
  Host h;
  Metadata m = test::sample();
  m.integrity.code_sha256.reset();
  auto refused = sign_metadata(m, "fleet", h.ed);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("integrity.code_sha256: required to sign"),
            std::string::npos);
  // Hand-sign a payload without a code digest: the loader refuses it too.
  auto env = cose_protect(encode_cbor(m), "fleet", h.ed, kMetadataAad).value();
  auto r = load_metadata(env, h.keys, LoadPolicy{}, default_runtime_types());
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("required in signed metadata"), std::string::npos);
  // A valid but non-canonical payload (version as a 64-bit integer) is refused.
  Bytes payload = encode_cbor(test::sample());
  ASSERT_EQ(payload[2], 0x01);
  payload.erase(payload.begin() + 2);
  payload.insert(payload.begin() + 2, {0x1b, 0, 0, 0, 0, 0, 0, 0, 1});
  ASSERT_TRUE(decode_cbor(payload, default_runtime_types()));
  env = cose_protect(payload, "fleet", h.ed, kMetadataAad).value();
  r = load_metadata(env, h.keys, LoadPolicy{}, default_runtime_types());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "signed payload is not in canonical CBOR form");
}

TEST(MetadataDocument, VerifiesBlobs) {
  const Metadata m = test::sample();  // code_sha256 = SHA-256("test")
  EXPECT_TRUE(verify_blob(m, Blob::code, bytes_of("test")));
  auto r = verify_blob(m, Blob::code, bytes_of("tesT"));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("does not match integrity.code_sha256"), std::string::npos);
  EXPECT_FALSE(verify_blob(m, Blob::data, bytes_of("x")));
}

}  // namespace
}  // namespace tc::metadata
