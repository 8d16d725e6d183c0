// tinycontainer wasm — numeric helpers with the spec's exact semantics (§4.3 "Numerics"):
// NaN propagation for min/max, signed zero ordering, trapping and saturating float→int
// conversions, bit-exact abs/neg/copysign (no NaN canonicalisation).
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace tc::wasm::num {

inline float f32(std::uint64_t c) noexcept {
  return std::bit_cast<float>(static_cast<std::uint32_t>(c));
}
inline double f64(std::uint64_t c) noexcept {
  return std::bit_cast<double>(c);
}
inline std::uint64_t bits(float f) noexcept {
  return std::bit_cast<std::uint32_t>(f);
}
inline std::uint64_t bits(double d) noexcept {
  return std::bit_cast<std::uint64_t>(d);
}

template <class T>
inline T fmin(T a, T b) noexcept {
  if (a != a || b != b) return a + b;  // arithmetic NaN (quieted payload)
  if (a == b) return std::signbit(a) ? a : b;
  return a < b ? a : b;
}
template <class T>
inline T fmax(T a, T b) noexcept {
  if (a != a || b != b) return a + b;
  if (a == b) return std::signbit(a) ? b : a;
  return a > b ? a : b;
}

// ceil/floor/trunc/nearest: a NaN input yields a quiet (arithmetic) NaN.
template <class T, class F>
inline T round_op(T x, F f) noexcept {
  return x != x ? x + x : f(x);
}

// nearest: round to the nearest integer, ties to even (the spec's fnearest), without libm
// (the `tinycontainer` binary links no libm: docs/SANDBOX.md "Start-up cost"). Adding and
// subtracting 2^(mantissa bits) rounds in the current rounding mode, which the engine
// never changes from round-to-nearest-even; 2^p is even, so the parity of the sum's
// integer part is x's. |x| >= 2^p is already integral (or infinite); the sign, -0 and
// values that round to -0 come back through copysign. NaN: round_op.
template <class T>
inline T nearest(T x) noexcept {
  constexpr T kTwoP = std::is_same_v<T, float> ? T(8388608.0) : T(4503599627370496.0);
  const T ax = std::fabs(x);
  if (!(ax < kTwoP)) return x;
  return std::copysign((ax + kTwoP) - kTwoP, x);
}

// Float → integer: true when trunc(x) is representable in I (else trap).
template <class I, class F>
inline bool trunc_in_range(F x) noexcept {
  const double d = static_cast<double>(x);
  if (x != x) return false;
  if constexpr (std::is_same_v<I, std::int32_t>)
    return d > -2147483649.0 && d < 2147483648.0;
  else if constexpr (std::is_same_v<I, std::uint32_t>)
    return d > -1.0 && d < 4294967296.0;
  else if constexpr (std::is_same_v<I, std::int64_t>)
    return d >= -9223372036854775808.0 && d < 9223372036854775808.0;
  else
    return d > -1.0 && d < 18446744073709551616.0;
}

template <class I, class F>
inline I trunc_sat(F x) noexcept {
  if (x != x) return 0;
  if (trunc_in_range<I>(x)) return static_cast<I>(x);
  return x < 0 ? std::numeric_limits<I>::min() : std::numeric_limits<I>::max();
}

}  // namespace tc::wasm::num
