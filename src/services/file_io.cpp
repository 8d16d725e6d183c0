#include "services/file_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "common/unique_fd.hpp"

namespace tc::services {

Result<std::optional<std::vector<std::uint8_t>>> read_whole_file(const std::string& path,
                                                                 std::uint64_t max_bytes) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) {
    if (errno == ENOENT) return std::optional<std::vector<std::uint8_t>>{};
    return sys_error(Phase::io, "open " + path);
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return sys_error(Phase::io, "stat " + path);
  if (!S_ISREG(st.st_mode)) return make_error(Phase::io, path + ": not a regular file");
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes)
    return make_error(Phase::io, path + ": " + std::to_string(st.st_size) +
                                     " bytes, more than the limit of " +
                                     std::to_string(max_bytes));
  std::vector<std::uint8_t> bytes(static_cast<std::size_t>(st.st_size));
  std::size_t got = 0;
  while (got < bytes.size()) {
    const ssize_t n = ::read(fd.get(), bytes.data() + got, bytes.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return sys_error(Phase::io, "read " + path);
    if (n == 0) break;  // shrank under us: keep what we have
    got += static_cast<std::size_t>(n);
  }
  bytes.resize(got);
  return std::optional<std::vector<std::uint8_t>>(std::move(bytes));
}

Result<void> write_all(int fd, std::span<const std::uint8_t> bytes, const std::string& what) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return sys_error(Phase::io, "write " + what);
    if (n == 0) return make_error(Phase::io, "write " + what + ": no progress");
    done += static_cast<std::size_t>(n);
  }
  return {};
}

Result<void> fsync_parent_dir(const std::string& path) {
  const auto slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : (slash == 0 ? "/" : path.substr(0, slash));
  UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd) return sys_error(Phase::io, "open " + dir);
  if (::fsync(fd.get()) != 0) return sys_error(Phase::io, "fsync " + dir);
  return {};
}

Result<void> replace_file_atomically(const std::string& path,
                                     std::span<const std::uint8_t> bytes) {
  const std::string tmp = path + ".tmp";
  {
    UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
    if (!fd) return sys_error(Phase::io, "create " + tmp);
    if (auto w = write_all(fd.get(), bytes, tmp); !w) return w;
    if (::fsync(fd.get()) != 0) return sys_error(Phase::io, "fsync " + tmp);
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    return sys_error(Phase::io, "rename " + tmp + " to " + path, err);
  }
  return fsync_parent_dir(path);
}

Result<void> make_dirs(const std::string& path) {
  if (path.empty()) return {};
  for (std::size_t at = 1; at <= path.size(); ++at) {
    if (at != path.size() && path[at] != '/') continue;
    const std::string prefix = path.substr(0, at);
    if (::mkdir(prefix.c_str(), 0700) != 0 && errno != EEXIST)
      return sys_error(Phase::io, "mkdir " + prefix);
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return sys_error(Phase::io, "stat " + path);
  if (!S_ISDIR(st.st_mode)) return make_error(Phase::io, path + ": not a directory");
  return {};
}

}  // namespace tc::services
