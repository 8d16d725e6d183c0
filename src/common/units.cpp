#include "common/units.hpp"

#include <array>
#include <cstdio>
#include <limits>
#include <utility>

#include "common/rounding.hpp"

namespace tc {
namespace {

struct Split {
  std::string_view number;
  std::string_view suffix;
};

Split split_number(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && ((text[i] >= '0' && text[i] <= '9') || text[i] == '.')) ++i;
  return {text.substr(0, i), text.substr(i)};
}

// Parses "123" or "1.25" into a double; rejects "", ".", "1.2.3".
Result<long double> parse_decimal(std::string_view number, std::string_view whole) {
  if (number.empty() || number == ".")
    return make_error(Phase::usage, "'" + std::string(whole) + "' does not start with a number");
  long double value = 0;
  long double scale = 1;  // of the next fractional digit; underflows to 0 after ~4900 digits
  bool in_fraction = false;
  for (char c : number) {
    if (c == '.') {
      if (in_fraction) return make_error(Phase::usage, "'" + std::string(whole) + "' has two dots");
      in_fraction = true;
      continue;
    }
    const int digit = c - '0';
    if (!in_fraction) {
      value = value * 10 + digit;
    } else {
      scale /= 10;
      value += digit * scale;
    }
  }
  return value;
}

}  // namespace

Result<double> parse_plain_decimal(std::string_view text) {
  const auto [number, suffix] = split_number(text);
  if (!suffix.empty())
    return make_error(Phase::usage, "'" + std::string(text) + "' is not a plain decimal number");
  auto value = parse_decimal(number, text);
  if (!value) return std::unexpected(value.error());
  return static_cast<double>(*value);
}

Result<std::uint64_t> parse_size(std::string_view text) {
  const auto [number, suffix] = split_number(text);
  auto value = parse_decimal(number, text);
  if (!value) return std::unexpected(value.error());
  static constexpr std::array<std::pair<std::string_view, std::uint64_t>, 14> kUnits{{
      {"", 1},
      {"B", 1},
      {"K", 1ULL << 10},
      {"KB", 1ULL << 10},
      {"KiB", 1ULL << 10},
      {"M", 1ULL << 20},
      {"MB", 1ULL << 20},
      {"MiB", 1ULL << 20},
      {"G", 1ULL << 30},
      {"GB", 1ULL << 30},
      {"GiB", 1ULL << 30},
      {"T", 1ULL << 40},
      {"TB", 1ULL << 40},
      {"TiB", 1ULL << 40},
  }};
  for (const auto& [name, mult] : kUnits) {
    if (suffix != name) continue;
    const long double bytes = *value * static_cast<long double>(mult);
    if (bytes >= static_cast<long double>(std::numeric_limits<std::uint64_t>::max()))
      return make_error(Phase::usage, "size '" + std::string(text) + "' is too large");
    return round_nonneg(bytes);
  }
  return make_error(Phase::usage, "size '" + std::string(text) +
                                      "' has an unknown unit (use B, KiB, MiB, GiB or TiB)");
}

Result<std::chrono::nanoseconds> parse_duration(std::string_view text) {
  const auto [number, suffix] = split_number(text);
  auto value = parse_decimal(number, text);
  if (!value) return std::unexpected(value.error());
  static constexpr std::array<std::pair<std::string_view, long double>, 7> kUnits{{
      {"", 1e9L},
      {"s", 1e9L},
      {"ns", 1.0L},
      {"us", 1e3L},
      {"ms", 1e6L},
      {"m", 60e9L},
      {"h", 3600e9L},
  }};
  for (const auto& [name, mult] : kUnits) {
    if (suffix != name) continue;
    const long double ns = *value * mult;
    if (ns >= static_cast<long double>(std::numeric_limits<std::int64_t>::max()))
      return make_error(Phase::usage, "duration '" + std::string(text) + "' is too large");
    return std::chrono::nanoseconds(static_cast<std::int64_t>(round_nonneg(ns)));
  }
  return make_error(Phase::usage, "duration '" + std::string(text) +
                                      "' has an unknown unit (use ns, us, ms, s, m or h)");
}

std::string format_size(std::uint64_t bytes) {
  static constexpr std::array<const char*, 5> kNames{"B", "KiB", "MiB", "GiB", "TiB"};
  auto value = static_cast<double>(bytes);
  std::size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < kNames.size()) {
    value /= 1024.0;
    ++unit;
  }
  std::array<char, 32> buf{};
  if (unit == 0) {
    std::snprintf(buf.data(), buf.size(), "%llu B", static_cast<unsigned long long>(bytes));
  } else {
    std::snprintf(buf.data(), buf.size(), "%.1f %s", value, kNames[unit]);
  }
  return buf.data();
}

}  // namespace tc
