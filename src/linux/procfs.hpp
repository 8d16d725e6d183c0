// tinycontainer — /proc for the sandbox's pid namespace, with masked and read-only paths.
//
// Contract: mount_procfs("proc") mounts a fresh procfs (nosuid, nodev, noexec) that shows
// only the new pid namespace, then hides what runc/crun hide: files that leak host kernel
// state get /dev/null bound over them, directories an empty read-only directory, and
// /proc/{sys,bus,fs,irq,sysrq-trigger} become read-only. Paths the kernel lacks are skipped.
// With `target_is_empty` (the caller guarantees `target` is an empty directory on a mount
// nothing writes to afterwards — the default root's fresh tmpfs) the masking directory is
// a read-only bind of `target` itself, taken before procfs covers it: no tmpfs superblock
// per masked directory to create at start and tear down at exit (docs/SANDBOX.md
// "Start-up cost"). Otherwise (an overlay root whose /proc may hold files) each masked
// directory gets an empty read-only tmpfs.
// Must run before pivot_root: the kernel only lets a user namespace mount procfs while a
// fully visible procfs is still reachable in the mount namespace (mount_too_revealing).
// `dev_null` is the path of a /dev/null node to bind from.
#pragma once

#include "common/error.hpp"

namespace tc::sandbox {

[[nodiscard]] Result<void> mount_procfs(const char* target, const char* dev_null,
                                        bool target_is_empty = false);

}  // namespace tc::sandbox
