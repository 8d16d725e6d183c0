// tinycontainer — small pure text helpers for the kernel's cgroup files.
//
// Contract: no allocation beyond the returned vectors/strings, no I/O. "Flat keyed"
// files ("key value" per line: cpu.stat, memory.events, memory.oom_control,
// cpuacct.stat, pids.events) are parsed strictly: a line without exactly one space
// separated key and an unsigned decimal value is an Error naming the line.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace tc::cgroup {

// Lines without their '\n'; a trailing newline does not produce an empty last line.
[[nodiscard]] std::vector<std::string_view> split_lines(std::string_view text);
// Splits on `sep`, keeping empty pieces ("a,,b" → {"a","","b"}); "" → {}.
[[nodiscard]] std::vector<std::string_view> split(std::string_view text, char sep);
// Splits on runs of spaces/tabs, dropping empty pieces.
[[nodiscard]] std::vector<std::string_view> split_fields(std::string_view text);
// Strips trailing '\n', ' ' and '\t'.
[[nodiscard]] std::string_view trim(std::string_view text);

// Strict unsigned decimal ("0".."18446744073709551615"); `what` names it in the error.
[[nodiscard]] Result<std::uint64_t> parse_u64(std::string_view text, std::string_view what);

// "max" → UINT64_MAX, otherwise parse_u64.
[[nodiscard]] Result<std::uint64_t> parse_u64_or_max(std::string_view text, std::string_view what);

using KeyedValues = std::map<std::string, std::uint64_t, std::less<>>;
[[nodiscard]] Result<KeyedValues> parse_keyed(std::string_view text, std::string_view what);

}  // namespace tc::cgroup
