#include "wasm/leb128.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace tc::wasm {
namespace {

template <unsigned N>
bool u(std::vector<std::uint8_t> b, std::uint64_t* out = nullptr, std::size_t* used = nullptr) {
  const std::uint8_t* p = b.data();
  std::uint64_t v = 0;
  const char* e = nullptr;
  const bool ok = read_uleb<N>(p, b.data() + b.size(), v, &e);
  if (out) *out = v;
  if (used) *used = static_cast<std::size_t>(p - b.data());
  return ok;
}
template <unsigned N>
bool s(std::vector<std::uint8_t> b, std::int64_t* out = nullptr) {
  const std::uint8_t* p = b.data();
  std::int64_t v = 0;
  const char* e = nullptr;
  const bool ok = read_sleb<N>(p, b.data() + b.size(), v, &e);
  if (out) *out = v;
  return ok;
}

TEST(Leb128, UnsignedBasics) {
  std::uint64_t v;
  std::size_t used;
  ASSERT_TRUE(u<32>({0x00}, &v, &used));
  EXPECT_EQ(v, 0u);
  EXPECT_EQ(used, 1u);
  ASSERT_TRUE(u<32>({0xE5, 0x8E, 0x26}, &v));
  EXPECT_EQ(v, 624485u);
  ASSERT_TRUE(u<32>({0x80, 0x00}, &v));  // non-minimal but within 5 bytes: allowed
  EXPECT_EQ(v, 0u);
}

TEST(Leb128, Unsigned32Bounds) {
  std::uint64_t v;
  ASSERT_TRUE(u<32>({0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, &v));
  EXPECT_EQ(v, 0xFFFFFFFFu);
  EXPECT_FALSE(u<32>({0xFF, 0xFF, 0xFF, 0xFF, 0x1F}));        // bit 32 set: too large
  EXPECT_FALSE(u<32>({0x80, 0x80, 0x80, 0x80, 0x80, 0x00}));  // 6 bytes: too long
  EXPECT_FALSE(u<32>({0x80, 0x80}));                          // truncated
  EXPECT_FALSE(u<32>({}));
}

TEST(Leb128, Unsigned64Bounds) {
  std::uint64_t v;
  ASSERT_TRUE(u<64>({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}, &v));
  EXPECT_EQ(v, ~std::uint64_t{0});
  EXPECT_FALSE(u<64>({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02}));
  EXPECT_FALSE(u<64>({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}));
}

TEST(Leb128, Signed32) {
  std::int64_t v;
  ASSERT_TRUE(s<32>({0x7F}, &v));
  EXPECT_EQ(v, -1);
  ASSERT_TRUE(s<32>({0x80, 0x80, 0x80, 0x80, 0x78}, &v));
  EXPECT_EQ(v, INT32_MIN);
  ASSERT_TRUE(s<32>({0xFF, 0xFF, 0xFF, 0xFF, 0x07}, &v));
  EXPECT_EQ(v, INT32_MAX);
  ASSERT_TRUE(s<32>({0xFF, 0xFF, 0xFF, 0xFF, 0x7F}, &v));  // -1 padded to 5 bytes
  EXPECT_EQ(v, -1);
  EXPECT_FALSE(s<32>({0xFF, 0xFF, 0xFF, 0xFF, 0x4F}));  // unused bits not a sign extension
  EXPECT_FALSE(s<32>({0x80, 0x80, 0x80, 0x80, 0x08}));
  EXPECT_FALSE(s<32>({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F}));  // too long
}

TEST(Leb128, Signed33And64) {
  std::int64_t v;
  ASSERT_TRUE(s<33>({0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, &v));
  EXPECT_EQ(v, 0xFFFFFFFFll);
  EXPECT_FALSE(s<33>({0xFF, 0xFF, 0xFF, 0xFF, 0x1F}));
  ASSERT_TRUE(s<64>({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7F}, &v));
  EXPECT_EQ(v, INT64_MIN);
  EXPECT_FALSE(s<64>({0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01}));
}

}  // namespace
}  // namespace tc::wasm
