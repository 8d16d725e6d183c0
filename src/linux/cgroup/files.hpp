// tinycontainer — reading and writing cgroup interface files.
//
// Contract: every call opens the file with O_CLOEXEC, does one read loop or one
// write(2) of the whole text (cgroup files take one value per write), and closes it.
// Errors are Phase::cgroup and name the path and the value written.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/error.hpp"
#include "linux/cgroup/text.hpp"

namespace tc::cgroup {

[[nodiscard]] Result<std::string> read_file(const std::string& path);
[[nodiscard]] Result<void> write_file(const std::string& path, std::string_view value);
[[nodiscard]] bool file_exists(const std::string& path);
// A single-number file ("memory.peak"); "max" reads as UINT64_MAX.
[[nodiscard]] Result<std::uint64_t> read_u64_file(const std::string& path);
// A flat keyed file ("cpu.stat").
[[nodiscard]] Result<KeyedValues> read_keyed_file(const std::string& path);

}  // namespace tc::cgroup
