// tinycontainer — the per-run host directory: <runtime_base>/<run-id>/{root,workspace}.
//
// Contract: create() makes runtime_base (mode 0711, must be a real directory owned by the
// caller) and a fresh run dir with an unguessable id (getrandom). The run dir is mode 0700
// and owned by the sandbox's root (its mapped host id) so the sandbox can mount on `root/`;
// `workspace/` is owned by the sandbox user and becomes /workspace. The destructor removes
// the whole run dir (never following symlinks; permissions a workload removed are restored
// first), so it is cleaned on every path, errors included. keep_workspace() moves the
// workspace out (rename, or copy across filesystems) and gives it to the caller's ids.
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
    uid_t root_uid;  // host ids of container root
    gid_t root_gid;
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
  [[nodiscard]] std::filesystem::path root_mountpoint() const { return path_ / "root"; }
  [[nodiscard]] std::filesystem::path workspace() const { return path_ / "workspace"; }

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

// The default runtime base: /run/tinycontainer for root; $XDG_RUNTIME_DIR/tinycontainer or
// ${TMPDIR:-/tmp}/tinycontainer-<uid> for others.
[[nodiscard]] std::filesystem::path default_runtime_base(uid_t caller);

}  // namespace tc::sandbox
