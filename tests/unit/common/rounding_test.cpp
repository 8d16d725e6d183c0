#include "common/rounding.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace {

template <class F>
std::vector<F> edge_values() {
  std::vector<F> v{F(0),
                   F(0.25),
                   F(0.5),
                   F(0.75),
                   F(1),
                   F(1.5),
                   F(2.5),
                   F(3.5),
                   F(1e6),
                   F(1e6) + F(0.5),
                   F(123456.499999),
                   F(9007199254740992.0),
                   F(9007199254740993.0),
                   F(4503599627370495.5),
                   F(1e18),
                   F(1.8e19)};
  // The largest value below one half and the values around every halfway point up to 64.
  v.push_back(std::nextafter(F(0.5), F(0)));
  for (int i = 0; i < 64; ++i) {
    const F half = F(i) + F(0.5);
    v.push_back(half);
    v.push_back(std::nextafter(half, F(0)));
    v.push_back(std::nextafter(half, F(100)));
    v.push_back(std::nextafter(F(i), F(0)));
    v.push_back(std::nextafter(F(i), F(100)));
  }
  return v;
}

template <class F>
void expect_like_libm() {
  std::vector<F> values = edge_values<F>();
  std::mt19937_64 rng(20261122);
  std::uniform_real_distribution<double> small(0, 1e4);
  std::uniform_real_distribution<double> exponent(0, 63);
  for (int i = 0; i < 200000; ++i) {
    values.push_back(static_cast<F>(small(rng)));
    values.push_back(static_cast<F>(std::exp2(exponent(rng))));
  }
  for (F x : values) {
    if (x >= F(18446744073709551616.0)) continue;  // outside the contract
    if (x >= F(9223372036854775808.0)) {           // beyond llround's range: x is a whole number
      EXPECT_EQ(tc::round_nonneg(x), static_cast<std::uint64_t>(x));
      EXPECT_EQ(tc::ceil_nonneg(x), static_cast<std::uint64_t>(x));
      continue;
    }
    EXPECT_EQ(tc::round_nonneg(x), static_cast<std::uint64_t>(std::llround(x)))
        << static_cast<long double>(x);
    EXPECT_EQ(tc::ceil_nonneg(x), static_cast<std::uint64_t>(std::ceil(x)))
        << static_cast<long double>(x);
  }
}

}  // namespace

TEST(Rounding, MatchesLibmForDoubles) {
  expect_like_libm<double>();
}
TEST(Rounding, MatchesLibmForLongDoubles) {
  expect_like_libm<long double>();
}

TEST(Rounding, HalvesGoUpAndCeilingIsExact) {
  EXPECT_EQ(tc::round_nonneg(0.49999999999999994), 0U);  // x + 0.5 would round to 1
  EXPECT_EQ(tc::round_nonneg(0.5), 1U);
  EXPECT_EQ(tc::round_nonneg(2.5), 3U);
  EXPECT_EQ(tc::ceil_nonneg(2.0), 2U);
  EXPECT_EQ(tc::ceil_nonneg(2.000000000000001), 3U);
  EXPECT_EQ(tc::ceil_nonneg(0.0), 0U);
}
