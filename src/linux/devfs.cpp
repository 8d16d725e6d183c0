#include "linux/devfs.hpp"

#include <fmt/format.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include <array>
#include <string>
#include <string_view>

#include "linux/mount_ops.hpp"

namespace tc::sandbox {

namespace {

constexpr std::array<std::string_view, 6> kDevices{"null",   "zero",    "full",
                                                   "random", "urandom", "tty"};
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kLinks{{
    {"fd", "/proc/self/fd"},
    {"stdin", "/proc/self/fd/0"},
    {"stdout", "/proc/self/fd/1"},
    {"stderr", "/proc/self/fd/2"},
    {"ptmx", "pts/ptmx"},
}};

}  // namespace

Result<void> mount_devfs(const char* target, std::uint64_t shm_size) {
  const std::string base = std::string(target) + "/";
  if (auto r = mount_tmpfs(target, MS_NOSUID | MS_NOEXEC, "mode=0755,size=64k"); !r) return r;
  for (auto name : kDevices) {
    std::string path = base + std::string(name);
    std::string host = "/dev/" + std::string(name);
    struct stat st {};
    if (::stat(host.c_str(), &st) != 0 || !S_ISCHR(st.st_mode))
      continue;  // e.g. no /dev/tty in some CI containers
    if (auto r = make_file(path.c_str(), 0666); !r) return r;
    if (auto r = bind_mount(host.c_str(), path.c_str(), kAttrNosuid | kAttrNoexec, false); !r)
      return r;
  }
  for (const auto& [name, dest] : kLinks) {
    std::string path = base + std::string(name);
    if (auto r = make_symlink(std::string(dest).c_str(), path.c_str()); !r) return r;
  }
  std::string pts = base + "pts";
  if (auto r = make_dir(pts.c_str(), 0755); !r) return r;
  if (::mount("devpts", pts.c_str(), "devpts", MS_NOSUID | MS_NOEXEC,
              "newinstance,ptmxmode=0666,mode=0620") != 0)
    return sys_error(Phase::mount, "devpts on " + pts);
  std::string shm = base + "shm";
  if (auto r = make_dir(shm.c_str(), 01777); !r) return r;
  if (auto r = mount_tmpfs(shm.c_str(), MS_NOSUID | MS_NODEV | MS_NOEXEC,
                           fmt::format("mode=1777,size={}", shm_size));
      !r)
    return r;
  if (::mount(nullptr, target, nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NOEXEC,
              nullptr) != 0)
    return sys_error(Phase::mount, std::string("remount read-only ") + target);
  return {};
}

}  // namespace tc::sandbox
