// tinycontainer — the sandbox's root filesystem, built fresh for every run.
//
// Contract: build_rootfs() runs in the sandbox's init process, inside its new user and
// mount namespaces, before the workload exists. It
//   1. makes the whole mount tree private (no propagation to or from the host);
//   2. detaches a clone of the workspace mount (open_tree), then mounts a fresh tmpfs over
//      the workspace directory itself (only in this namespace: the host sees nothing);
//      default: the host's system dirs are bound read-only (nosuid, nodev) and merged-/usr
//      symlinks (/bin -> usr/bin) are recreated as symlinks; /etc is generated
//      (etc_files.hpp) plus a read-only bind of the host's ld.so.cache;
//      with rootfs_dir: an overlayfs with rootfs_dir as the read-only lower layer and a
//      fresh upper/work pair on that tmpfs (nothing is written to rootfs_dir or the host);
//   3. adds /proc (procfs.hpp), /dev (devfs.hpp), /tmp (size-limited tmpfs) and the
//      workspace bound read-write (nosuid, nodev) at /workspace;
//   4. pivot_root()s into it, detaches the old root and makes / read-only (default root).
// Any failure returns a Phase::mount Error; the caller must then not run the workload.
#pragma once

#include <filesystem>

#include "common/error.hpp"
#include "linux/sandbox_spec.hpp"

namespace tc::sandbox {

struct RootfsPaths {
  std::filesystem::path workspace;  // the per-run host directory (run_dir.hpp)
};

[[nodiscard]] Result<void> build_rootfs(const SandboxSpec& spec, const RootfsPaths& paths);

}  // namespace tc::sandbox
