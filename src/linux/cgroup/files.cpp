#include "linux/cgroup/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/unique_fd.hpp"

namespace tc::cgroup {

Result<std::string> read_file(const std::string& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd) return sys_error(Phase::cgroup, "open " + path);
  std::string out;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return sys_error(Phase::cgroup, "read " + path);
    if (n == 0) break;
    out.append(buf, static_cast<std::size_t>(n));
    if (out.size() > (16u << 20)) return make_error(Phase::cgroup, path + " is larger than 16 MiB");
  }
  return out;
}

Result<void> write_file(const std::string& path, std::string_view value) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
  if (!fd) return sys_error(Phase::cgroup, "open " + path);
  ssize_t n = 0;
  do {
    n = ::write(fd.get(), value.data(), value.size());
  } while (n < 0 && errno == EINTR);
  if (n < 0) return sys_error(Phase::cgroup, "write '" + std::string(value) + "' to " + path);
  if (static_cast<std::size_t>(n) != value.size())
    return make_error(Phase::cgroup, "short write of '" + std::string(value) + "' to " + path);
  return {};
}

bool file_exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

Result<std::uint64_t> read_u64_file(const std::string& path) {
  auto text = read_file(path);
  if (!text) return std::unexpected(text.error());
  return parse_u64_or_max(trim(*text), path);
}

Result<KeyedValues> read_keyed_file(const std::string& path) {
  auto text = read_file(path);
  if (!text) return std::unexpected(text.error());
  return parse_keyed(*text, path);
}

}  // namespace tc::cgroup
