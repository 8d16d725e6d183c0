// num::nearest (fnearest without libm) against libm's nearbyint in the default rounding
// mode, bit for bit, on edge values and random bit patterns of every exponent.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "wasm/numeric.hpp"

namespace tc::wasm {
namespace {

template <class F, class Bits>
void expect_like_nearbyint() {
  std::vector<F> values{F(0),
                        -F(0),
                        F(0.5),
                        -F(0.5),
                        F(1.5),
                        -F(1.5),
                        F(2.5),
                        -F(2.5),
                        F(0.49999997),
                        -F(0.49999997),
                        std::numeric_limits<F>::infinity(),
                        -std::numeric_limits<F>::infinity(),
                        std::numeric_limits<F>::max(),
                        std::numeric_limits<F>::lowest(),
                        std::numeric_limits<F>::denorm_min(),
                        -std::numeric_limits<F>::denorm_min(),
                        std::numeric_limits<F>::min()};
  const F two_p = std::is_same_v<F, float> ? F(8388608.0) : F(4503599627370496.0);
  for (F base : {two_p, two_p / 2, F(1), F(0.5)}) {
    for (F x : {base, std::nextafter(base, F(0)), std::nextafter(base, two_p * 4)}) {
      values.push_back(x);
      values.push_back(-x);
      values.push_back(x + F(0.5));
      values.push_back(-(x + F(0.5)));
    }
  }
  std::mt19937_64 rng(20261122);
  for (int i = 0; i < 1000000; ++i) values.push_back(std::bit_cast<F>(static_cast<Bits>(rng())));
  for (F x : values) {
    if (x != x) continue;  // NaN: round_op answers before nearest is called
    const F want = std::nearbyint(x);
    const F got = num::nearest(x);
    EXPECT_EQ(std::bit_cast<Bits>(got), std::bit_cast<Bits>(want)) << x;
  }
}

TEST(Numeric, NearestF32MatchesNearbyint) {
  expect_like_nearbyint<float, std::uint32_t>();
}
TEST(Numeric, NearestF64MatchesNearbyint) {
  expect_like_nearbyint<double, std::uint64_t>();
}

TEST(Numeric, NearestTiesToEvenAndKeepsTheSign) {
  EXPECT_EQ(num::nearest(2.5), 2.0);
  EXPECT_EQ(num::nearest(3.5), 4.0);
  EXPECT_EQ(num::nearest(-0.5f), -0.0f);
  EXPECT_TRUE(std::signbit(num::nearest(-0.5f)));
  EXPECT_TRUE(std::signbit(num::nearest(-0.0)));
}

}  // namespace
}  // namespace tc::wasm
