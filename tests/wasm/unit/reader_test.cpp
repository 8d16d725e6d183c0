// Decoder (binary format) errors: every malformed input is a precise load error.
#include <gtest/gtest.h>

#include "test_util.hpp"
#include "wasm/module.hpp"

namespace tc::wasm {
namespace {

using test::Bytes;

std::string load_error(const Bytes& b, Limits lim = {}) {
  auto m = load_module(b, lim);
  return m ? std::string() : m.error().describe();
}

TEST(Reader, AcceptsEmptyModule) {
  EXPECT_TRUE(load_module(test::header()).has_value());
}

TEST(Reader, BadMagicAndVersion) {
  EXPECT_NE(load_error({0x00, 0x61, 0x73}).find("magic"), std::string::npos);
  EXPECT_NE(load_error({0x00, 0x61, 0x73, 0x6E, 1, 0, 0, 0}).find("magic"), std::string::npos);
  EXPECT_NE(load_error({0x00, 0x61, 0x73, 0x6D, 2, 0, 0, 0}).find("version"), std::string::npos);
}

TEST(Reader, SectionSizeBeyondEnd) {
  Bytes b = test::header();
  b.insert(b.end(), {0x01, 0x10, 0x00});  // type section claims 16 bytes, has 1
  EXPECT_NE(load_error(b).find("unexpected end"), std::string::npos);
}

TEST(Reader, SectionSizeMismatch) {
  Bytes b = test::header();
  b.insert(b.end(), {0x01, 0x02, 0x00, 0x00});  // 0 types, 1 trailing byte
  EXPECT_NE(load_error(b).find("section size mismatch"), std::string::npos);
}

TEST(Reader, SectionsOutOfOrder) {
  Bytes b = test::header();
  test::section(b, 3, {0x00});  // function section
  test::section(b, 1, {0x00});  // type section after it
  EXPECT_FALSE(load_error(b).empty());
  Bytes dup = test::header();
  test::section(dup, 1, {0x00});
  test::section(dup, 1, {0x00});
  EXPECT_FALSE(load_error(dup).empty());
}

TEST(Reader, UnknownSectionId) {
  Bytes b = test::header();
  test::section(b, 13, {});
  EXPECT_NE(load_error(b).find("section id"), std::string::npos);
}

TEST(Reader, HugeVectorCountIsBoundedByInput) {
  Bytes b = test::header();
  test::section(b, 1, {0xFF, 0xFF, 0xFF, 0xFF, 0x0F});  // 4 billion types, no bytes
  EXPECT_NE(load_error(b).find("unexpected end"), std::string::npos);
}

TEST(Reader, FunctionAndCodeCountsMustMatch) {
  Bytes b = test::header();
  test::section(b, 1, {0x01, 0x60, 0x00, 0x00});
  test::section(b, 3, {0x01, 0x00});
  EXPECT_NE(load_error(b).find("inconsistent"), std::string::npos);
}

TEST(Reader, InvalidUtf8Name) {
  Bytes b = test::header();
  test::section(b, 0, {0x02, 0xC0, 0x80});  // custom section, overlong NUL as name
  EXPECT_NE(load_error(b).find("UTF-8"), std::string::npos);
}

TEST(Reader, SimdIsRejectedClearly) {
  // (func (param v128))
  Bytes b = test::header();
  test::section(b, 1, {0x01, 0x60, 0x01, 0x7B, 0x00});
  EXPECT_NE(load_error(b).find("SIMD"), std::string::npos);
  // v128.const in a body: 0xFD prefix
  Bytes body = test::single_func_module({}, {}, {}, {0xFD, 0x0C});
  EXPECT_NE(load_error(body).find("SIMD"), std::string::npos);
}

TEST(Reader, TooManyLocals) {
  Bytes m = test::header();
  test::section(m, 1, {0x01, 0x60, 0x00, 0x00});
  test::section(m, 3, {0x01, 0x00});
  // one local group declaring 2^32-1 i32 locals
  test::section(m, 10, {0x01, 0x08, 0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F, 0x0B});
  EXPECT_NE(load_error(m).find("too many locals"), std::string::npos);
}

TEST(Reader, ModuleSizeLimit) {
  Limits lim;
  lim.max_module_bytes = 4;
  EXPECT_NE(load_error(test::header(), lim).find("size limit"), std::string::npos);
}

TEST(Reader, TruncatedBodyNeverCrashes) {
  // Every prefix of a valid module is either valid or a clean error.
  const Bytes full = test::single_func_module({0x7F}, {0x7F}, {0x7E}, {0x20, 0x00, 0x41, 0x01, 0x6A});
  ASSERT_TRUE(load_module(full).has_value());
  for (std::size_t n = 0; n < full.size(); ++n) {
    Bytes prefix(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n));
    auto m = load_module(prefix);
    if (!m) {
      EXPECT_FALSE(m.error().message.empty());
    }
  }
}

}  // namespace
}  // namespace tc::wasm
