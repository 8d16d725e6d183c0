// tinycontainer — copying host files into a run's workspace (`--copy-in SRC[:DST]`).
//
// Contract: the supervisor copies before the sandbox starts, so nothing inside can race it.
// A destination is a relative path below /workspace ("/workspace/x" is accepted and means
// "x"); ".." components, empty paths and "." are rejected. Each directory component of the
// destination that already exists must be a real directory (never a symlink: an earlier
// copy could have planted one pointing at a host path); missing ones are created. The final
// destination must not exist. Symlinks inside SRC are copied as symlinks (they resolve
// inside the sandbox), special files are refused. Everything copied is lchown'ed to the
// sandbox user's host ids.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string_view>

#include "common/error.hpp"

namespace tc::sandbox {

struct CopySpec {
  std::filesystem::path source;
  std::filesystem::path destination;
};

// "SRC[:DST]" → CopySpec; DST defaults to SRC's last component. The first ':' splits.
[[nodiscard]] Result<CopySpec> parse_copy_in(std::string_view arg);

// The normalised relative destination, or a usage Error.
[[nodiscard]] Result<std::filesystem::path> check_copy_destination(
    const std::filesystem::path& destination);

// Copies `source` to workspace/destination (see contract) and chowns the copy.
[[nodiscard]] Result<void> copy_into_workspace(const std::filesystem::path& workspace,
                                               const CopySpec& copy, uid_t uid, gid_t gid);

// lchown every entry below (and including) `root`, never following symlinks.
[[nodiscard]] Result<void> chown_tree(const std::filesystem::path& root, uid_t uid, gid_t gid);

}  // namespace tc::sandbox
