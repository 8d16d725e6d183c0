// tinycontainer services — small POSIX file helpers for the persistent services.
//
// Contract: every descriptor is O_CLOEXEC and owned by a UniqueFd; EINTR is retried;
// errors are Result errors (Phase::io) naming the path and errno.
//  * read_whole_file: the file's bytes, or std::nullopt when it does not exist (ENOENT).
//    Refuses files larger than `max_bytes` (Error) — never an unbounded allocation.
//  * write_all: loops over short writes.
//  * replace_file_atomically: writes `bytes` to "<path>.tmp", fsyncs it, renames it over
//    `path` and fsyncs the directory: after a crash the path holds the old or the new
//    content, never a mix.
//  * make_dirs: mkdir -p with mode 0700 for the created levels.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/error.hpp"

namespace tc::services {

[[nodiscard]] Result<std::optional<std::vector<std::uint8_t>>> read_whole_file(
    const std::string& path, std::uint64_t max_bytes);
[[nodiscard]] Result<void> write_all(int fd, std::span<const std::uint8_t> bytes,
                                     const std::string& what);
[[nodiscard]] Result<void> replace_file_atomically(const std::string& path,
                                                   std::span<const std::uint8_t> bytes);
[[nodiscard]] Result<void> fsync_parent_dir(const std::string& path);
[[nodiscard]] Result<void> make_dirs(const std::string& path);

}  // namespace tc::services
