#include "metadata/text_rules.hpp"

#include <gtest/gtest.h>

#include "metadata/digest.hpp"
#include "metadata/runtime_registry.hpp"

namespace tc::metadata {
namespace {

TEST(TextRules, Utf8) {
  EXPECT_TRUE(is_valid_utf8("plain"));
  EXPECT_TRUE(is_valid_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"));  // é € 😀
  EXPECT_FALSE(is_valid_utf8("\xc3"));                                      // truncated
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));                                  // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xe0\x80\xaf"));                              // overlong, 3 bytes
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));                              // surrogate U+D800
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));                          // U+110000
  EXPECT_FALSE(is_valid_utf8("\xff"));
  EXPECT_FALSE(is_valid_utf8("\x80"));  // lone continuation
}

TEST(TextRules, TextUidServiceUri) {
  EXPECT_TRUE(is_text("Periodic sampler", 128));
  EXPECT_FALSE(is_text("", 128));
  EXPECT_FALSE(is_text("tab\there", 128));
  EXPECT_FALSE(is_text(std::string(129, 'a'), 128));
  EXPECT_TRUE(is_uid("sensor-sampler.v2_1"));
  EXPECT_FALSE(is_uid("-leading"));
  EXPECT_FALSE(is_uid("Upper"));
  EXPECT_FALSE(is_uid(std::string(65, 'a')));
  EXPECT_TRUE(is_service_name("sensor.temperature"));
  EXPECT_FALSE(is_service_name("kv store"));
  EXPECT_TRUE(is_uri("coap://[::1]:5683/samples"));
  EXPECT_FALSE(is_uri("coap:/x"));
  EXPECT_FALSE(is_uri("coap://a b"));
}

TEST(RuntimeTypes, LookupIsBySetNotByName) {
  const RuntimeTypes rt({"wasm", "linux", "wasm"});
  EXPECT_TRUE(rt.contains("wasm"));
  EXPECT_TRUE(rt.contains("linux"));
  EXPECT_FALSE(rt.contains("WASM"));
  EXPECT_FALSE(rt.contains(""));
  EXPECT_EQ(rt.joined(), "linux|wasm");
  EXPECT_TRUE(RuntimeTypes({"micropython"}).contains("micropython"));
  EXPECT_FALSE(RuntimeTypes().contains("wasm"));
  EXPECT_TRUE(is_runtime_id_syntax("wasm"));
  EXPECT_FALSE(is_runtime_id_syntax("9lives"));
}

TEST(Digest, Sha256AndHex) {
  const std::string abc = "abc";
  const Sha256 d = sha256_of({reinterpret_cast<const std::uint8_t*>(abc.data()), abc.size()});
  // FIPS 180-2 test vector.
  EXPECT_EQ(to_hex(d), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(parse_sha256_hex(to_hex(d)).value(), d);
  EXPECT_EQ(
      parse_sha256_hex("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD").value(),
      d);
  EXPECT_FALSE(decode_hex("abc"));
  EXPECT_EQ(decode_hex("").value(), "");
}

}  // namespace
}  // namespace tc::metadata
