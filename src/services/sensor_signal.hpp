// tinycontainer services — the simulated sensor signals: pure, deterministic functions of
// (seed, container uid, sample index).
//
// Contract:
//  * Same inputs → same outputs, on every run of a given build (integer hashing —
//    SplitMix64 over the seed, FNV-1a of the uid and the index — plus std::sin for the slow
//    component, rounded to integers).
//  * temperature_mc: milli-°C, a slow sine around a per-container base (18..24 °C,
//    amplitude 2..5 °C, period 60..300 samples) plus ±0.2 °C noise. Always in -40..85 °C.
//  * acceleration_mg: milli-g, a device at rest with a per-container tilt (|x|,|y| ≤ 300),
//    z from |g| = 1000, ±20 mg noise, and a ±800 mg "shake" on about 1 sample in 50.
//    Each axis stays within ±2000 mg.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace tc::services {

[[nodiscard]] std::int32_t temperature_mc(std::uint64_t seed, std::string_view uid,
                                          std::uint64_t sample) noexcept;
[[nodiscard]] std::array<std::int32_t, 3> acceleration_mg(std::uint64_t seed, std::string_view uid,
                                                          std::uint64_t sample) noexcept;

}  // namespace tc::services
