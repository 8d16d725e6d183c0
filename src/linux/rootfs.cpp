#include "linux/rootfs.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <array>
#include <string>

#include "common/unique_fd.hpp"
#include "linux/devfs.hpp"
#include "linux/etc_files.hpp"
#include "linux/mount_ops.hpp"
#include "linux/procfs.hpp"

namespace tc::sandbox {

namespace {

constexpr std::uint64_t kSystemAttrs = kAttrRo | kAttrNosuid | kAttrNodev;

// "/usr" → "usr": every later path is relative to the new root (the cwd).
std::string relative(const std::string& abs) {
  return abs.substr(abs.find_first_not_of('/'));
}

Result<void> add_system_dir(const std::string& host) {
  struct stat st {};
  if (::lstat(host.c_str(), &st) != 0) return {};  // e.g. no /libx32 on this host
  std::string rel = relative(host);
  if (S_ISLNK(st.st_mode)) {
    std::array<char, 4096> target{};
    ssize_t n = ::readlink(host.c_str(), target.data(), target.size() - 1);
    if (n < 0) return sys_error(Phase::mount, "readlink " + host);
    return make_symlink(target.data(), rel.c_str());
  }
  if (!S_ISDIR(st.st_mode)) return {};
  if (auto r = make_dir(rel.c_str(), 0755); !r) return r;
  return bind_mount(host.c_str(), rel.c_str(), kSystemAttrs, true);
}

Result<void> add_etc(const SandboxSpec& spec) {
  if (auto r = make_dir("etc", 0755); !r) return r;
  EtcParams params{spec.process.uid, spec.process.gid, spec.process.user_name, spec.process.cwd,
                   spec.hostname};
  for (const auto& [name, content] : generate_etc(params)) {
    std::string path = "etc/" + name;
    if (auto r = write_file(path.c_str(), content, 0644); !r) return r;
  }
  struct stat st {};
  if (::stat("/etc/ld.so.cache", &st) == 0 && S_ISREG(st.st_mode)) {
    if (auto r = make_file("etc/ld.so.cache", 0644); !r) return r;
    if (auto r =
            bind_mount("/etc/ld.so.cache", "etc/ld.so.cache", kSystemAttrs | kAttrNoexec, false);
        !r)
      return r;
  }
  return {};
}

// Default root: tmpfs + system dirs + /etc. Leaves the cwd at the new root.
Result<void> build_default_root(const SandboxSpec& spec, const std::string& mountpoint) {
  if (auto r = mount_tmpfs(mountpoint.c_str(), MS_NOSUID | MS_NODEV, "mode=0755,size=1m"); !r)
    return r;
  if (::chdir(mountpoint.c_str()) != 0) return sys_error(Phase::mount, "chdir " + mountpoint);
  for (const auto& dir : spec.root.system_dirs)
    if (auto r = add_system_dir(dir); !r) return r;
  return add_etc(spec);
}

// --rootfs: overlay(lower = rootfs_dir, upper/work on a fresh tmpfs). Leaves the cwd at it.
Result<void> build_overlay_root(const SandboxSpec& spec, const std::string& mountpoint) {
  const std::string lower = spec.root.rootfs_dir->string();
  if (lower.find_first_of(",:\\") != std::string::npos)
    return make_error(Phase::mount, "rootfs path must not contain ',', ':' or '\\': " + lower);
  if (auto r = mount_tmpfs(mountpoint.c_str(), MS_NOSUID | MS_NODEV,
                           fmt::format("mode=0755,size={}", spec.root.upper_size));
      !r)
    return r;
  for (const char* d : {"/upper", "/work", "/merged"})
    if (auto r = make_dir((mountpoint + d).c_str(), 0755); !r) return r;
  std::string opts =
      fmt::format("lowerdir={},upperdir={}/upper,workdir={}/work", lower, mountpoint, mountpoint);
  std::string merged = mountpoint + "/merged";
  if (::mount("overlay", merged.c_str(), "overlay", MS_NOSUID | MS_NODEV, opts.c_str()) != 0)
    return sys_error(Phase::mount, "overlay with lower layer " + lower);
  if (::chdir(merged.c_str()) != 0) return sys_error(Phase::mount, "chdir " + merged);
  return {};
}

Result<void> add_runtime_mounts(const SandboxSpec& spec, int workspace_tree) {
  for (const char* d : {"proc", "dev", "tmp", "workspace"})
    if (auto r = make_dir(d, 0755); !r) return r;
  if (auto r = mount_devfs("dev", spec.root.shm_size); !r) return r;
  // On the default root "proc" was just created on a fresh tmpfs that ends read-only.
  if (auto r = mount_procfs("proc", "/dev/null", !spec.root.rootfs_dir); !r) return r;
  if (auto r = mount_tmpfs("tmp", MS_NOSUID | MS_NODEV,
                           fmt::format("mode=1777,size={}", spec.root.tmp_size));
      !r)
    return r;
  if (::move_mount(workspace_tree, "", AT_FDCWD, "workspace", MOVE_MOUNT_F_EMPTY_PATH) != 0)
    return sys_error(Phase::mount, "move_mount workspace");
  return {};
}

// The workspace, bound (nosuid, nodev) but not attached yet: its directory is about to be
// covered by the new root's tmpfs.
Result<UniqueFd> detach_workspace(const std::string& path) {
  UniqueFd tree(::open_tree(AT_FDCWD, path.c_str(), OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC));
  if (!tree) return sys_error(Phase::mount, "open_tree " + path);
  mount_attr attr{};
  attr.attr_set = kAttrNosuid | kAttrNodev;
  if (::mount_setattr(tree.get(), "", AT_EMPTY_PATH, &attr, sizeof attr) != 0)
    return sys_error(Phase::mount, "mount_setattr " + path);
  return tree;
}

// pivot_root(".", ".") stacks the old root on top of the new one; detaching it leaves
// only the new root, with no mountpoint directory to remove (pivot_root(2), NOTES).
Result<void> pivot_into_cwd() {
  if (::syscall(SYS_pivot_root, ".", ".") != 0) return sys_error(Phase::mount, "pivot_root");
  if (::umount2(".", MNT_DETACH) != 0) return sys_error(Phase::mount, "detach old root");
  if (::chdir("/") != 0) return sys_error(Phase::mount, "chdir /");
  return {};
}

}  // namespace

Result<void> build_rootfs(const SandboxSpec& spec, const RootfsPaths& paths) {
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
    return sys_error(Phase::mount, "make / private");
  const std::string mountpoint = paths.workspace.string();
  auto workspace = detach_workspace(mountpoint);
  if (!workspace) return std::unexpected(workspace.error());
  auto built = spec.root.rootfs_dir ? build_overlay_root(spec, mountpoint)
                                    : build_default_root(spec, mountpoint);
  if (!built) return built;
  if (auto r = add_runtime_mounts(spec, workspace->get()); !r) return r;
  if (auto r = pivot_into_cwd(); !r) return r;
  if (!spec.root.rootfs_dir &&
      ::mount(nullptr, "/", nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV,
              nullptr) != 0)
    return sys_error(Phase::mount, "remount / read-only");
  return {};
}

}  // namespace tc::sandbox
