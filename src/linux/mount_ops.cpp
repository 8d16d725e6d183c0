#include "linux/mount_ops.hpp"

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/unique_fd.hpp"

namespace tc::sandbox {

namespace {
std::string str(const char* p) {
  return std::string(p);
}
}  // namespace

Result<void> bind_mount(const char* source, const char* target, std::uint64_t attrs,
                        bool recursive) {
  unsigned rec = recursive ? AT_RECURSIVE : 0;
  UniqueFd tree(::open_tree(AT_FDCWD, source, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | rec));
  if (!tree) return sys_error(Phase::mount, "open_tree " + str(source));
  if (attrs != 0) {
    mount_attr attr{};
    attr.attr_set = attrs;
    if (::mount_setattr(tree.get(), "", AT_EMPTY_PATH | rec, &attr, sizeof attr) != 0)
      return sys_error(Phase::mount, "mount_setattr " + str(source));
  }
  if (::move_mount(tree.get(), "", AT_FDCWD, target, MOVE_MOUNT_F_EMPTY_PATH) != 0)
    return sys_error(Phase::mount, "move_mount " + str(source) + " to " + str(target));
  return {};
}

Result<void> set_mount_attrs(const char* path, std::uint64_t attrs) {
  mount_attr attr{};
  attr.attr_set = attrs;
  if (::mount_setattr(AT_FDCWD, path, AT_RECURSIVE | AT_SYMLINK_NOFOLLOW, &attr, sizeof attr) != 0)
    return sys_error(Phase::mount, "mount_setattr " + str(path));
  return {};
}

Result<void> mount_tmpfs(const char* target, unsigned long flags, const std::string& options) {
  if (::mount("tmpfs", target, "tmpfs", flags, options.c_str()) != 0)
    return sys_error(Phase::mount, "tmpfs on " + str(target));
  return {};
}

Result<void> make_dir(const char* path, unsigned mode) {
  if (::mkdir(path, mode) != 0 && errno != EEXIST)
    return sys_error(Phase::mount, "mkdir " + str(path));
  return {};
}

Result<void> make_file(const char* path, unsigned mode) {
  UniqueFd fd(::open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, mode));
  if (!fd) return sys_error(Phase::mount, "create " + str(path));
  return {};
}

Result<void> write_file(const char* path, const std::string& content, unsigned mode) {
  UniqueFd fd(::open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode));
  if (!fd) return sys_error(Phase::mount, "create " + str(path));
  if (::write(fd.get(), content.data(), content.size()) != static_cast<ssize_t>(content.size()))
    return sys_error(Phase::mount, "write " + str(path));
  return {};
}

Result<void> make_symlink(const char* target, const char* linkpath) {
  if (::symlink(target, linkpath) != 0) return sys_error(Phase::mount, "symlink " + str(linkpath));
  return {};
}

}  // namespace tc::sandbox
