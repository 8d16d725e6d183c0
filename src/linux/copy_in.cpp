#include "linux/copy_in.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <system_error>

namespace tc::sandbox {

namespace fs = std::filesystem;

namespace {

std::unexpected<Error> fs_error(std::string what, const std::error_code& ec) {
  return std::unexpected(Error{Phase::setup, std::move(what), ec.value()});
}

// Walks the parent components of `rel` below `workspace`, creating missing directories and
// refusing anything that is not a real directory.
Result<void> prepare_parents(const fs::path& workspace, const fs::path& rel) {
  fs::path current = workspace;
  for (const auto& part : rel.parent_path()) {
    current /= part;
    struct stat st {};
    if (::lstat(current.c_str(), &st) == 0) {
      if (!S_ISDIR(st.st_mode))
        return make_error(Phase::setup, fmt::format("copy-in: /workspace/{} exists and is not a "
                                                    "directory",
                                                    fs::relative(current, workspace).string()));
      continue;
    }
    if (errno != ENOENT) return sys_error(Phase::setup, "copy-in: lstat " + current.string());
    if (::mkdir(current.c_str(), 0755) != 0)
      return sys_error(Phase::setup, "copy-in: mkdir " + current.string());
  }
  return {};
}

}  // namespace

Result<CopySpec> parse_copy_in(std::string_view arg) {
  if (arg.empty()) return make_error(Phase::usage, "--copy-in needs SRC[:DST]");
  auto colon = arg.find(':');
  CopySpec spec;
  spec.source = fs::path(std::string(arg.substr(0, colon)));
  if (spec.source.empty()) return make_error(Phase::usage, "--copy-in: empty source");
  if (colon == std::string_view::npos) {
    spec.destination = spec.source.lexically_normal().filename();
    if (spec.destination.empty())
      spec.destination = spec.source.lexically_normal().parent_path().filename();
  } else {
    spec.destination = fs::path(std::string(arg.substr(colon + 1)));
  }
  auto checked = check_copy_destination(spec.destination);
  if (!checked) return std::unexpected(checked.error());
  spec.destination = *checked;
  return spec;
}

Result<fs::path> check_copy_destination(const fs::path& destination) {
  fs::path rel = destination;
  if (rel.is_absolute()) {
    auto r = rel.lexically_relative("/workspace");
    if (r.empty() || *r.begin() == "..")
      return make_error(Phase::usage, fmt::format("copy-in destination '{}' is outside /workspace",
                                                  destination.string()));
    rel = r;
  }
  for (const auto& part : rel)
    if (part == "..")
      return make_error(Phase::usage, fmt::format("copy-in destination '{}' contains '..'",
                                                  destination.string()));
  rel = rel.lexically_normal();
  if (!rel.empty() && rel.filename().empty()) rel = rel.parent_path();  // trailing '/'
  if (rel.empty() || rel == ".")
    return make_error(Phase::usage, fmt::format("copy-in destination '{}' names /workspace itself",
                                                destination.string()));
  return rel;
}

Result<void> chown_tree(const fs::path& root, uid_t uid, gid_t gid) {
  if (::lchown(root.c_str(), uid, gid) != 0)
    return sys_error(Phase::setup, "lchown " + root.string());
  struct stat st {};
  if (::lstat(root.c_str(), &st) != 0) return sys_error(Phase::setup, "lstat " + root.string());
  if (!S_ISDIR(st.st_mode)) return {};
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::none, ec), end;
  if (ec) return fs_error("walk " + root.string(), ec);
  for (; it != end; it.increment(ec)) {
    if (ec) return fs_error("walk " + root.string(), ec);
    if (::lchown(it->path().c_str(), uid, gid) != 0)
      return sys_error(Phase::setup, "lchown " + it->path().string());
  }
  if (ec) return fs_error("walk " + root.string(), ec);
  return {};
}

Result<void> copy_into_workspace(const fs::path& workspace, const CopySpec& copy, uid_t uid,
                                 gid_t gid) {
  auto rel = check_copy_destination(copy.destination);
  if (!rel) return std::unexpected(rel.error());
  struct stat src {};
  if (::lstat(copy.source.c_str(), &src) != 0)
    return sys_error(Phase::setup, "copy-in: " + copy.source.string());
  if (!S_ISREG(src.st_mode) && !S_ISDIR(src.st_mode) && !S_ISLNK(src.st_mode))
    return make_error(Phase::setup, fmt::format("copy-in: {} is not a regular file, directory or "
                                                "symlink",
                                                copy.source.string()));
  if (auto r = prepare_parents(workspace, *rel); !r) return r;
  fs::path target = workspace / *rel;
  struct stat existing {};
  if (::lstat(target.c_str(), &existing) == 0)
    return make_error(Phase::setup,
                      fmt::format("copy-in: /workspace/{} already exists", rel->string()));
  std::error_code ec;
  fs::copy(copy.source, target, fs::copy_options::recursive | fs::copy_options::copy_symlinks, ec);
  if (ec)
    return fs_error(
        fmt::format("copy-in: copy {} to /workspace/{}", copy.source.string(), rel->string()), ec);
  return chown_tree(target, uid, gid);
}

}  // namespace tc::sandbox
