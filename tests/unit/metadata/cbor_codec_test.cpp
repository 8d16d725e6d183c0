#include "metadata/cbor_codec.hpp"

#include <gtest/gtest.h>

#include "metadata/cbor_item.hpp"
#include "metadata/json_codec.hpp"
#include "sample.hpp"

namespace tc::metadata {
namespace {

std::string cbor_error(const Bytes& b) {
  auto r = decode_cbor(b, default_runtime_types());
  EXPECT_FALSE(r.has_value());
  return r ? std::string() : r.error().message;
}

TEST(MetadataCbor, RoundTripJsonCborJson) {
  const Metadata m = test::sample();
  const Bytes cbor = encode_cbor(m);
  auto back = decode_cbor(cbor, default_runtime_types());
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, m);
  EXPECT_EQ(encode_json(*back), encode_json(m));
}

TEST(MetadataCbor, RoundTripWithDataBlobAndLargeValues) {
  nlohmann::json j = test::sample_json();
  j["data"] = "model.bin";
  j["integrity"]["data_sha256"] = std::string(64, 'e');
  j["revision"] = 1ULL << 40;
  j["scheduling"]["loop_max_lifetime"] = UINT64_MAX;
  j["scheduling"]["loop_period"] = "24h";
  j["limits"]["storage_quota"] = "1GiB";
  j["limits"]["memory_pages"] = 65536;
  auto m = test::decode(j);
  ASSERT_TRUE(m) << m.error().message;
  auto back = decode_cbor(encode_cbor(*m), default_runtime_types());
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, *m);
}

TEST(MetadataCbor, EncodingIsCanonical) {
  const Metadata m = test::sample();
  const Bytes a = encode_cbor(m);
  EXPECT_EQ(encode_cbor(m), a);
  // Starts with a map of 10 entries (0xaa: no data blob), key 1 (version) = 1.
  ASSERT_GE(a.size(), 3u);
  EXPECT_EQ(a[0], 0xaa);
  EXPECT_EQ(a[1], 0x01);
  EXPECT_EQ(a[2], 0x01);
  // A non-canonical but valid encoding of the same model (keys descending, a 64-bit
  // version) decodes to the same model and re-encodes to the canonical bytes.
  Bytes noncanon = {0xa6,                                             // map(6)
                    0x08, 0xa1, 0x02, 0x19, 0x4e, 0x20,               // scheduling {2: 20000}
                    0x06, 0x61, 'c',                                  // code "c"
                    0x05, 0x64, 'w',  'a',  's',  'm',                // runtime
                    0x04, 0x61, 'a',                                  // name "a"
                    0x03, 0x61, 'a',                                  // uid "a"
                    0x01, 0x1b, 0,    0,    0,    0,    0, 0, 0, 1};  // version (uint64) 1
  auto m2 = decode_cbor(noncanon, default_runtime_types());
  ASSERT_TRUE(m2) << m2.error().message;
  EXPECT_EQ(m2->scheduling.loop_period, std::chrono::milliseconds(20));
  const Bytes canon = encode_cbor(*m2);
  EXPECT_NE(canon, noncanon);
  EXPECT_EQ(encode_cbor(decode_cbor(canon, default_runtime_types()).value()), canon);
  EXPECT_EQ(metadata_digest(*m2), sha256_of(canon));
}

TEST(MetadataCbor, StrictFieldErrorsUseJsonPaths) {
  // {1: 1, 3: "a", 5: "wasm", 6: "c", 8: {2: 20000}, 10: [{1: 1, 2: 0, 3: "kv", 5: 9}]}
  Bytes bad_dir = {0xa6, 0x01, 0x01, 0x03, 0x61, 'a',  0x05, 0x64, 'w',  'a',  's',  'm',
                   0x06, 0x61, 'c',  0x08, 0xa1, 0x02, 0x19, 0x4e, 0x20, 0x0a, 0x81, 0xa4,
                   0x01, 0x01, 0x02, 0x00, 0x03, 0x62, 'k',  'v',  0x05, 0x09};
  EXPECT_EQ(cbor_error(bad_dir),
            "endpoints[0].direction: expected one of in|out|both (encoded as integers), got 9");
  Bytes unknown_key = {0xa2, 0x01, 0x01, 0x18, 0x63, 0x00};  // {1: 1, 99: 0}
  EXPECT_EQ(cbor_error(unknown_key), "document: unknown field key 99");
  Bytes dup_key = {0xa2, 0x01, 0x01, 0x01, 0x01};
  EXPECT_EQ(cbor_error(dup_key), "version: duplicate map key");
  Bytes text_key = {0xa1, 0x61, 'v', 0x01};
  EXPECT_EQ(cbor_error(text_key),
            "document key: expected an unsigned integer key, got text string");
  Bytes missing_uid = {0xa1, 0x01, 0x01};
  EXPECT_EQ(cbor_error(missing_uid), "uid: missing required field");
  Bytes wrong_uid = {0xa2, 0x01, 0x01, 0x03, 0x01};
  EXPECT_EQ(cbor_error(wrong_uid), "uid: expected a text string, got unsigned integer");
  Bytes bad_utf8 = {0xa2, 0x01, 0x01, 0x03, 0x62, 0xc3, 0x28};
  EXPECT_EQ(cbor_error(bad_utf8), "CBOR at byte 4: text string is not valid UTF-8");
  Bytes short_digest = {0xa6, 0x01, 0x01, 0x03, 0x61, 'a',  0x05, 0x64, 'w',
                        'a',  's',  'm',  0x06, 0x61, 'c',  0x08, 0xa1, 0x02,
                        0x19, 0x4e, 0x20, 0x0b, 0xa1, 0x01, 0x42, 0x00, 0x01};
  EXPECT_EQ(cbor_error(short_digest),
            "integrity.code_sha256: malformed digest: expected 32 bytes (SHA-256), got 2");
  Bytes not_map = {0x80};
  EXPECT_EQ(cbor_error(not_map), "document: expected a map, got array");
}

TEST(MetadataCbor, RejectsMalformedInputBeforeBuildingATree) {
  EXPECT_EQ(cbor_error({}), "CBOR: empty input");
  EXPECT_EQ(cbor_error({0xa2, 0x01}),
            "CBOR at byte 0: declared length exceeds the remaining input");
  EXPECT_EQ(cbor_error({0x19, 0x01}), "CBOR at byte 0: truncated input");
  EXPECT_EQ(cbor_error({0x82, 0x01}),
            "CBOR at byte 0: declared length exceeds the remaining input");
  EXPECT_EQ(cbor_error({0x82, 0x01, 0x19}), "CBOR at byte 2: truncated input");
  EXPECT_EQ(cbor_error({0x9b, 0, 0, 0, 1, 0, 0, 0, 0}),
            "CBOR at byte 0: declared length exceeds the remaining input");
  EXPECT_EQ(cbor_error({0x9f, 0xff}), "CBOR at byte 0: indefinite-length array");
  EXPECT_EQ(cbor_error({0xa0, 0x00}), "CBOR at byte 1: trailing bytes after the top-level item");
  EXPECT_EQ(cbor_error({0xf9, 0x3c, 0x00}), "CBOR at byte 0: floating-point value");
  EXPECT_EQ(cbor_error({0x1c}), "CBOR at byte 0: malformed item");
  EXPECT_EQ(cbor_error({0x7a, 0xff, 0xff, 0xff, 0xff, 'a'}), "CBOR at byte 0: truncated input");
  Bytes deep(40, 0x81);
  deep.push_back(0x00);
  EXPECT_EQ(cbor_error(deep), "CBOR at byte 16: nesting too deep");
}

TEST(MetadataCbor, DigestChangesWithAnyField) {
  Metadata m = test::sample();
  const Sha256 d0 = metadata_digest(m);
  m.endpoints[0].direction = Direction::both;
  EXPECT_NE(metadata_digest(m), d0);
  m = test::sample();
  m.integrity.code_sha256->back() ^= 1;
  EXPECT_NE(metadata_digest(m), d0);
}

}  // namespace
}  // namespace tc::metadata
