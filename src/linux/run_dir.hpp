// tinycontainer — the per-run host directory <runtime_base>/<run-id>: the workspace.
//
// Contract: create() makes runtime_base (mode 0711, must be a real directory owned by the
// caller, every ancestor searchable) and one fresh directory named like a run cgroup,
// "tc-<supervisor pid>-<its start time>-<16 hex from getrandom>" (cgroup/run_name.hpp),
// mode 0700, owned by the sandbox user's host ids. It is bound at /workspace
// and, inside the sandbox's private mount namespace only, also serves as the mountpoint of
// the new root's tmpfs (rootfs.hpp): one mkdir and one rmdir per run, nothing else on the
// host. The destructor removes it (never following symlinks; permissions a workload removed
// are restored first), so it is cleaned on every path, errors included. keep_workspace()
// moves it out (rename, or copy across filesystems) and gives it to the caller's ids.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <utility>

#include "common/error.hpp"

namespace tc::sandbox {

class RunDir {
 public:
  struct Owners {
    uid_t user_uid;  // host ids of the sandbox user
    gid_t user_gid;
  };

  [[nodiscard]] static Result<RunDir> create(const std::filesystem::path& runtime_base,
                                             const Owners& owners);
  RunDir(RunDir&& other) noexcept : path_(std::exchange(other.path_, {})) {}
  RunDir& operator=(RunDir&&) = delete;
  RunDir(const RunDir&) = delete;
  RunDir& operator=(const RunDir&) = delete;
  ~RunDir();

  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }
  [[nodiscard]] const std::filesystem::path& workspace() const noexcept { return path_; }

  // Removes the run directory now (the destructor then does nothing).
  void remove() noexcept;

  // Moves the workspace to `dest` (which must not exist) and chowns it to uid/gid.
  [[nodiscard]] Result<void> keep_workspace(const std::filesystem::path& dest, uid_t uid,
                                            gid_t gid);

 private:
  explicit RunDir(std::filesystem::path p) : path_(std::move(p)) {}
  std::filesystem::path path_;
};

// Removes `path` recursively without following symlinks; restores owner permissions on
// directories a workload made unwritable. Missing path is not an error.
[[nodiscard]] Result<void> remove_tree(const std::filesystem::path& path);

// Removes the run directories in runtime_base whose supervisor is dead (pid gone or
// reused: the cgroup layer's rule, run_name.hpp owner_is_dead) — what a SIGKILLed CLI
// leaves behind. Only real directories with a run name are touched (never a symlink;
// remove_tree does not follow them); errors are ignored (best effort, next start retries).
// Returns how many were removed.
std::size_t reap_stale_run_dirs(const std::filesystem::path& runtime_base) noexcept;

// The default runtime base. Root: /run/tinycontainer when /run is a tmpfs, else
// /dev/shm/tinycontainer when that is a tmpfs, else /run/tinycontainer. Others:
// $XDG_RUNTIME_DIR/tinycontainer or ${TMPDIR:-/tmp}/tinycontainer-<uid>.
[[nodiscard]] std::filesystem::path default_runtime_base(uid_t caller);

}  // namespace tc::sandbox
