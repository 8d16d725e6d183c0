// tinycontainer executor — the strict rules for names and sizes in profiles and requests.
//
// Contract: pure functions, no I/O. check_file_name() accepts a relative path of 1..8
// components of [A-Za-z0-9._+-] (no "", ".", ".." component, no leading "/", at most
// kMaxFileNameBytes) and returns a usage Error that says what is wrong otherwise.
#pragma once

#include <cstdint>
#include <string_view>

#include "common/error.hpp"

namespace tc::exec {

inline constexpr std::uint64_t kMinMemory = 4ull << 20;
inline constexpr std::uint64_t kMaxMemory = 64ull << 30;
inline constexpr std::uint64_t kMaxOutput = 64ull << 20;
inline constexpr std::uint64_t kMaxPids = 4096;
inline constexpr double kMaxSeconds = 3600;
inline constexpr std::size_t kMaxFileNameBytes = 255;
inline constexpr std::size_t kMaxPathDepth = 8;
inline constexpr std::size_t kMaxFiles = 64;
inline constexpr std::uint64_t kMaxFileBytes = 8ull << 20;    // one source file
inline constexpr std::uint64_t kMaxTotalBytes = 16ull << 20;  // all files of a request
inline constexpr std::size_t kMaxCases = 256;
inline constexpr std::uint64_t kMaxStdinBytes = 16ull << 20;  // per test case
inline constexpr std::size_t kMaxArgs = 256;
inline constexpr std::size_t kMaxArgBytes = 4096;

[[nodiscard]] bool valid_language_name(std::string_view name) noexcept;
[[nodiscard]] bool valid_syscall_name(std::string_view name) noexcept;
[[nodiscard]] bool valid_env_entry(std::string_view entry) noexcept;
[[nodiscard]] Result<void> check_file_name(std::string_view name);

}  // namespace tc::exec
