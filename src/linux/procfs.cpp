#include "linux/procfs.hpp"

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include <array>
#include <string>
#include <string_view>

#include "common/unique_fd.hpp"
#include "linux/mount_ops.hpp"

namespace tc::sandbox {

namespace {

constexpr std::array<std::string_view, 11> kMasked{
    "acpi",        "asound", "interrupts", "kcore",       "keys",         "latency_stats",
    "sched_debug", "scsi",   "timer_list", "timer_stats", "sysrq-trigger"};
constexpr std::array<std::string_view, 4> kReadOnly{"bus", "fs", "irq", "sys"};

constexpr std::uint64_t kMaskAttrs = kAttrRo | kAttrNosuid | kAttrNodev | kAttrNoexec;

// What masks directories: a detached read-only bind of an empty directory (attached at the
// first masked directory, re-bound from there for the others), or a tmpfs each.
struct DirMask {
  UniqueFd empty_tree;  // valid until attached
  std::string first;    // where it was attached
};

Result<void> mask_dir(const std::string& path, DirMask& m) {
  if (!m.first.empty()) return bind_mount(m.first.c_str(), path.c_str(), kMaskAttrs, false);
  if (!m.empty_tree)
    return mount_tmpfs(path.c_str(), MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
                       "size=4k,mode=0555");
  if (::move_mount(m.empty_tree.get(), "", AT_FDCWD, path.c_str(), MOVE_MOUNT_F_EMPTY_PATH) != 0)
    return sys_error(Phase::mount, "move_mount empty directory to " + path);
  m.empty_tree.reset();
  m.first = path;
  return {};
}

Result<void> mask(const std::string& path, const char* dev_null, DirMask& dirs) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return {};  // absent on this kernel: nothing to hide
  if (S_ISDIR(st.st_mode)) return mask_dir(path, dirs);
  return bind_mount(dev_null, path.c_str(), kAttrRo | kAttrNosuid | kAttrNoexec, false);
}

// A read-only detached bind of the (still uncovered) empty directory `target`.
Result<UniqueFd> clone_empty_dir(const char* target) {
  UniqueFd tree(::open_tree(AT_FDCWD, target, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC));
  if (!tree) return sys_error(Phase::mount, std::string("open_tree ") + target);
  mount_attr attr{};
  attr.attr_set = kMaskAttrs;
  if (::mount_setattr(tree.get(), "", AT_EMPTY_PATH, &attr, sizeof attr) != 0)
    return sys_error(Phase::mount, std::string("mount_setattr ") + target);
  return tree;
}

}  // namespace

Result<void> mount_procfs(const char* target, const char* dev_null, bool target_is_empty) {
  DirMask dirs;
  if (target_is_empty) {
    auto tree = clone_empty_dir(target);
    if (!tree) return std::unexpected(tree.error());
    dirs.empty_tree = std::move(*tree);
  }
  if (::mount("proc", target, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr) != 0)
    return sys_error(Phase::mount, std::string("procfs on ") + target);
  std::string base = std::string(target) + "/";
  for (auto name : kReadOnly) {
    std::string path = base + std::string(name);
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) continue;
    if (auto r = bind_mount(path.c_str(), path.c_str(),
                            kAttrRo | kAttrNosuid | kAttrNodev | kAttrNoexec, true);
        !r)
      return r;
  }
  for (auto name : kMasked)
    if (auto r = mask(base + std::string(name), dev_null, dirs); !r) return r;
  return {};
}

}  // namespace tc::sandbox
