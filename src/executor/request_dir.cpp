#include "executor/request_dir.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <charconv>

#include "common/unique_fd.hpp"
#include "executor/random_name.hpp"
#include "linux/run_dir.hpp"

namespace tc::exec {

namespace fs = std::filesystem;

Result<RequestDir> RequestDir::create(const fs::path& work_root) {
  fs::path p = work_root / ("req-" + std::to_string(::getpid()) + "-" + random_hex(8));
  if (::mkdir(p.c_str(), 0700) != 0) return sys_error(Phase::setup, "mkdir " + p.string());
  return RequestDir(std::move(p));
}

RequestDir::~RequestDir() {
  if (!path_.empty()) (void)sandbox::remove_tree(path_);
}

Result<void> RequestDir::write_file(const fs::path& relative, const std::string& content) const {
  fs::path full = path_ / relative;
  // Parents: created one by one, never through a symlink (there are none: we made them).
  fs::path dir = path_;
  for (auto it = relative.begin(); std::next(it) != relative.end(); ++it) {
    dir /= *it;
    if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST)
      return sys_error(Phase::io, "mkdir " + dir.string());
  }
  UniqueFd fd(::open(full.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
  if (!fd) return sys_error(Phase::io, "create " + full.string());
  std::size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd.get(), content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return sys_error(Phase::io, "write " + full.string());
    done += static_cast<std::size_t>(n);
  }
  return {};
}

std::size_t reap_stale_request_dirs(const fs::path& work_root) noexcept {
  std::size_t removed = 0;
  std::error_code ec;
  for (fs::directory_iterator it(work_root, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (!name.starts_with("req-") || it->is_symlink(ec)) continue;
    int pid = 0;
    auto [p, err] = std::from_chars(name.data() + 4, name.data() + name.size(), pid);
    if (err != std::errc() || *p != '-' || pid <= 0) continue;
    if (::kill(pid, 0) == 0 || errno != ESRCH) continue;  // owner alive (or not ours to judge)
    if (sandbox::remove_tree(it->path())) ++removed;
  }
  return removed;
}

}  // namespace tc::exec
