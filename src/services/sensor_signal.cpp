#include "services/sensor_signal.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "common/fnv1a.hpp"

namespace tc::services {
namespace {

constexpr std::uint64_t splitmix64(std::uint64_t x) noexcept {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Per-(seed, uid, sensor) parameters hash.
std::uint64_t stream(std::uint64_t seed, std::string_view uid, std::uint64_t sensor) noexcept {
  return splitmix64(splitmix64(seed ^ sensor) ^ fnv1a(uid));
}

// A value in [-range, range] from the hash of (h, sample, salt).
std::int32_t noise(std::uint64_t h, std::uint64_t sample, std::uint64_t salt,
                   std::int32_t range) noexcept {
  const std::uint64_t r = splitmix64(h ^ splitmix64(sample * 4 + salt));
  return static_cast<std::int32_t>(r % (2 * static_cast<std::uint64_t>(range) + 1)) - range;
}

}  // namespace

std::int32_t temperature_mc(std::uint64_t seed, std::string_view uid,
                            std::uint64_t sample) noexcept {
  const std::uint64_t h = stream(seed, uid, 1);
  const double base = 18000.0 + static_cast<double>(h % 6001);
  const double amplitude = 2000.0 + static_cast<double>((h >> 16) % 3001);
  const double period = 60.0 + static_cast<double>((h >> 32) % 241);
  const double phase = 2.0 * std::numbers::pi * static_cast<double>(sample % 1'000'000'007ULL) /
                       period;
  const double v = base + amplitude * std::sin(phase) + noise(h, sample, 0, 200);
  return std::clamp(static_cast<std::int32_t>(std::lround(v)), -40000, 85000);
}

std::array<std::int32_t, 3> acceleration_mg(std::uint64_t seed, std::string_view uid,
                                            std::uint64_t sample) noexcept {
  const std::uint64_t h = stream(seed, uid, 2);
  const auto tilt_x = static_cast<std::int32_t>(h % 601) - 300;
  const auto tilt_y = static_cast<std::int32_t>((h >> 20) % 601) - 300;
  const double z = std::sqrt(1e6 - static_cast<double>(tilt_x) * tilt_x -
                             static_cast<double>(tilt_y) * tilt_y);
  std::array<std::int32_t, 3> v = {tilt_x, tilt_y, static_cast<std::int32_t>(std::lround(z))};
  const bool shake = splitmix64(h ^ sample ^ 0x5a5a5a5aULL) % 50 == 0;
  for (std::uint64_t axis = 0; axis < 3; ++axis) {
    v[axis] += noise(h, sample, axis + 1, 20);
    if (shake) v[axis] += noise(h, sample, axis + 11, 800);
    v[axis] = std::clamp(v[axis], -2000, 2000);
  }
  return v;
}

}  // namespace tc::services
