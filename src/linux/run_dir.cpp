#include "linux/run_dir.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <system_error>

#include "linux/cgroup/run_name.hpp"
#include "linux/copy_in.hpp"

namespace tc::sandbox {

namespace fs = std::filesystem;

namespace {

Result<std::string> random_id() {
  auto name = cgroup::new_run_name();
  if (!name)
    return std::unexpected(Error{Phase::setup, name.error().message, name.error().sys_errno});
  return cgroup::format_run_name(*name);
}

// The sandbox's root (an unprivileged host uid when we are root) must be able to walk down
// to its run dir to mount on it: every ancestor needs the search bit for "others".
Result<void> check_ancestors_searchable(const fs::path& base) {
  if (::geteuid() != 0) return {};
  for (fs::path p = base; !p.empty() && p != p.root_path(); p = p.parent_path()) {
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0) return sys_error(Phase::setup, "stat " + p.string());
    if ((st.st_mode & S_IXOTH) == 0)
      return make_error(Phase::setup, fmt::format("runtime directory {}: {} is not searchable by "
                                                  "others (the sandbox's mapped uid needs o+x)",
                                                  base.string(), p.string()));
  }
  return {};
}

Result<void> ensure_base(const fs::path& base) {
  std::error_code ec;
  fs::create_directories(base.parent_path(), ec);
  if (::mkdir(base.c_str(), 0711) != 0 && errno != EEXIST)
    return sys_error(Phase::setup, "mkdir " + base.string());
  struct stat st {};
  if (::lstat(base.c_str(), &st) != 0) return sys_error(Phase::setup, "lstat " + base.string());
  if (!S_ISDIR(st.st_mode) || st.st_uid != ::geteuid())
    return make_error(Phase::setup, fmt::format("runtime directory {} is not a directory owned "
                                                "by uid {}",
                                                base.string(), ::geteuid()));
  if ((st.st_mode & 0022) != 0)
    return make_error(Phase::setup,
                      fmt::format("runtime directory {} is group/world writable", base.string()));
  return check_ancestors_searchable(base);
}

void make_dirs_writable(const fs::path& root) {
  std::error_code ec;
  ::chmod(root.c_str(), 0700);
  for (fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec),
       end;
       !ec && it != end; it.increment(ec)) {
    if (it->is_directory(ec) && !it->is_symlink(ec)) ::chmod(it->path().c_str(), 0700);
  }
}

}  // namespace

Result<void> remove_tree(const fs::path& path) {
  std::error_code ec;
  fs::remove_all(path, ec);
  if (!ec) return {};
  make_dirs_writable(path);
  fs::remove_all(path, ec);
  if (ec) return std::unexpected(Error{Phase::setup, "remove " + path.string(), ec.value()});
  return {};
}

namespace {
bool on_tmpfs(const char* path) {
  struct statfs st {};
  return ::statfs(path, &st) == 0 && st.f_type == TMPFS_MAGIC;
}
}  // namespace

fs::path default_runtime_base(uid_t caller) {
  if (caller == 0) {
    // A RAM-backed runtime dir makes the per-run mkdir/rmdir cheap (on ext4 with discard
    // they cost ~5 ms per run, measured) and its pages are charged to the sandbox's memory
    // cgroup. /run is a tmpfs on most systems; some containers/VMs only have /dev/shm.
    if (on_tmpfs("/run") || !on_tmpfs("/dev/shm")) return "/run/tinycontainer";
    return "/dev/shm/tinycontainer";
  }
  if (const char* xdg = std::getenv("XDG_RUNTIME_DIR"); xdg != nullptr && xdg[0] == '/')
    return fs::path(xdg) / "tinycontainer";
  const char* tmp = std::getenv("TMPDIR");
  fs::path base = (tmp != nullptr && tmp[0] == '/') ? fs::path(tmp) : fs::path("/tmp");
  return base / fmt::format("tinycontainer-{}", caller);
}

std::size_t reap_stale_run_dirs(const fs::path& runtime_base) noexcept {
  std::size_t removed = 0;
  try {
    std::error_code ec;
    for (fs::directory_iterator it(runtime_base, ec), end; !ec && it != end; it.increment(ec)) {
      auto name = cgroup::parse_run_name(it->path().filename().string());
      if (!name || !it->is_directory(ec) || it->is_symlink(ec)) continue;
      if (!cgroup::owner_is_dead(*name)) continue;
      if (remove_tree(it->path())) ++removed;
    }
  } catch (...) {  // bad_alloc: best effort
  }
  return removed;
}

Result<RunDir> RunDir::create(const fs::path& runtime_base, const Owners& owners) {
  if (auto r = ensure_base(runtime_base); !r) return std::unexpected(r.error());
  auto id = random_id();
  if (!id) return std::unexpected(id.error());
  fs::path dir = runtime_base / *id;
  if (::mkdir(dir.c_str(), 0700) != 0) return sys_error(Phase::setup, "mkdir " + dir.string());
  RunDir run(dir);  // from here on the destructor cleans up
  if (::geteuid() == 0 && ::chown(dir.c_str(), owners.user_uid, owners.user_gid) != 0)
    return sys_error(Phase::setup, "chown " + dir.string());
  return run;
}

RunDir::~RunDir() {
  remove();
}

void RunDir::remove() noexcept {
  if (path_.empty()) return;
  (void)remove_tree(path_);
  path_.clear();
}

Result<void> RunDir::keep_workspace(const fs::path& dest, uid_t uid, gid_t gid) {
  struct stat st {};
  if (::lstat(dest.c_str(), &st) == 0)
    return make_error(Phase::io, fmt::format("keep-workspace: {} already exists", dest.string()));
  if (::rename(path_.c_str(), dest.c_str()) == 0) {
    path_.clear();  // moved: nothing left to remove
  } else {
    if (errno != EXDEV) return sys_error(Phase::io, "keep-workspace: rename to " + dest.string());
    std::error_code ec;
    fs::copy(path_, dest, fs::copy_options::recursive | fs::copy_options::copy_symlinks, ec);
    if (ec)
      return std::unexpected(
          Error{Phase::io, "keep-workspace: copy to " + dest.string(), ec.value()});
  }
  if (::geteuid() == 0) return chown_tree(dest, uid, gid);
  return {};
}

}  // namespace tc::sandbox
