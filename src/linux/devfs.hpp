// tinycontainer — the sandbox's minimal /dev.
//
// Contract: mount_devfs("dev", host_dev) builds a small tmpfs (nosuid, noexec) holding binds
// of the host's null, zero, full, random, urandom and tty nodes (binds, because a user
// namespace cannot mknod usable devices; a node the host lacks is skipped), a private devpts
// instance at pts with ptmx -> pts/ptmx, a size-limited tmpfs at shm, and the
// fd/stdin/stdout/stderr symlinks into /proc/self/fd. The tmpfs itself is then made read-only.
#pragma once

#include <cstdint>

#include "common/error.hpp"

namespace tc::sandbox {

[[nodiscard]] Result<void> mount_devfs(const char* target, std::uint64_t shm_size);

}  // namespace tc::sandbox
