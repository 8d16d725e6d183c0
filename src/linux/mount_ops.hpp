// tinycontainer — mount primitives used while building a sandbox's root filesystem.
//
// Contract: every function runs inside the sandbox's own mount namespace (never on the
// host's), takes paths relative to the current directory or absolute, and returns a
// Phase::mount Error naming the path on failure. Bind mounts are fd-based and race-free:
// open_tree(OPEN_TREE_CLONE) detaches a copy, mount_setattr() applies the attributes
// (recursively) *before* move_mount() attaches it, so a bind is never visible writable.
// Flags only ever get added (ro, nosuid, nodev, noexec), which the kernel allows on mounts
// whose flags are locked by a less privileged user namespace.
#pragma once

#include <cstdint>
#include <string>

#include "common/error.hpp"

namespace tc::sandbox {

inline constexpr std::uint64_t kAttrRo = 0x1;      // MOUNT_ATTR_RDONLY
inline constexpr std::uint64_t kAttrNosuid = 0x2;  // MOUNT_ATTR_NOSUID
inline constexpr std::uint64_t kAttrNodev = 0x4;   // MOUNT_ATTR_NODEV
inline constexpr std::uint64_t kAttrNoexec = 0x8;  // MOUNT_ATTR_NOEXEC

// Binds `source` at `target` with `attrs` set; recursive binds carry submounts along.
[[nodiscard]] Result<void> bind_mount(const char* source, const char* target, std::uint64_t attrs,
                                      bool recursive);

// Adds `attrs` to the mount at `path` (recursively) in place.
[[nodiscard]] Result<void> set_mount_attrs(const char* path, std::uint64_t attrs);

// mount -t tmpfs with options (e.g. "mode=0755,size=65536k").
[[nodiscard]] Result<void> mount_tmpfs(const char* target, unsigned long flags,
                                       const std::string& options);

// mkdir that tolerates an existing directory.
[[nodiscard]] Result<void> make_dir(const char* path, unsigned mode);
// Creates an empty regular file to bind a file onto (tolerates an existing one).
[[nodiscard]] Result<void> make_file(const char* path, unsigned mode);
// Writes a small file (O_CREAT|O_EXCL).
[[nodiscard]] Result<void> write_file(const char* path, const std::string& content, unsigned mode);
[[nodiscard]] Result<void> make_symlink(const char* target, const char* linkpath);

}  // namespace tc::sandbox
