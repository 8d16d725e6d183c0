#include "linux/single_thread.hpp"

#include <dirent.h>
#include <fmt/format.h>
#include <sys/stat.h>

#include <memory>

namespace tc::sandbox {

Result<int> count_threads() {
  // procfs gives a task directory one link per thread plus two: one stat() instead of
  // reading the directory.
  struct stat st {};
  if (::stat("/proc/self/task", &st) == 0 && st.st_nlink >= 3)
    return static_cast<int>(st.st_nlink - 2);
  std::unique_ptr<DIR, int (*)(DIR*)> dir(::opendir("/proc/self/task"), ::closedir);
  if (!dir) return sys_error(Phase::internal, "open /proc/self/task");
  int threads = 0;
  while (const dirent* e = ::readdir(dir.get()))
    if (e->d_name[0] != '.') ++threads;
  return threads;
}

Result<void> require_single_thread() {
  auto n = count_threads();
  if (!n) return std::unexpected(n.error());
  if (*n != 1)
    return make_error(Phase::internal, fmt::format("the sandbox launcher must be called from a "
                                                   "single-threaded process ({} threads)",
                                                   *n));
  return {};
}

}  // namespace tc::sandbox
