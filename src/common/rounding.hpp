// Rounding of non-negative floating-point values to integers without libm.
//
// Why: std::llround and std::round are libm calls on baseline x86-64 (std::ceil is one
// below -O1), and the `tinycontainer` binary links no libm — loading it costs every
// sandbox start ~40 µs (docs/SANDBOX.md "Start-up cost"; tests/integration/
// cli_layout_test.cpp checks the binary's DT_NEEDED).
//
// Contract: x is finite, >= 0 and below 2^64 (callers check their range first). Then
// round_nonneg(x) == std::llround(x) (halves away from zero, i.e. up) and
// ceil_nonneg(x) == std::ceil(x), exactly: trunc(x) is exact in F, and so is x - trunc(x).
#pragma once

#include <concepts>
#include <cstdint>

namespace tc {

template <std::floating_point F>
constexpr std::uint64_t round_nonneg(F x) noexcept {
  const auto whole = static_cast<std::uint64_t>(x);
  return whole + (x - static_cast<F>(whole) >= F(0.5) ? 1 : 0);
}

template <std::floating_point F>
constexpr std::uint64_t ceil_nonneg(F x) noexcept {
  const auto whole = static_cast<std::uint64_t>(x);
  return whole + (static_cast<F>(whole) < x ? 1 : 0);
}

}  // namespace tc
