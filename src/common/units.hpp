// tinycontainer — human units for sizes and durations ("64MiB", "2s", "250ms").
//
// Contract: parsing is strict. The whole string must be consumed; a number without a
// unit is bytes (sizes) or seconds (durations); overflow, negative values, empty input
// and unknown suffixes are errors with a message that quotes the input.
// Sizes accept B, K/KB/KiB, M/MB/MiB, G/GB/GiB, T/TB/TiB (all binary, 1K = 1024).
// Durations accept ns, us, ms, s, m, h and a decimal fraction ("1.5s").
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace tc {

[[nodiscard]] Result<std::uint64_t> parse_size(std::string_view text);
[[nodiscard]] Result<std::chrono::nanoseconds> parse_duration(std::string_view text);
// A plain decimal number, "2" or "0.25": digits with at most one dot, nothing else (no
// sign, exponent, spaces, "inf" or "nan"); the error quotes the input.
[[nodiscard]] Result<double> parse_plain_decimal(std::string_view text);

// "64.0 MiB", "512 B"
[[nodiscard]] std::string format_size(std::uint64_t bytes);

}  // namespace tc
