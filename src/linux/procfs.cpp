#include "linux/procfs.hpp"

#include <sys/mount.h>
#include <sys/stat.h>

#include <array>
#include <string>
#include <string_view>

#include "linux/mount_ops.hpp"

namespace tc::sandbox {

namespace {

constexpr std::array<std::string_view, 11> kMasked{
    "acpi",        "asound", "interrupts", "kcore",       "keys",         "latency_stats",
    "sched_debug", "scsi",   "timer_list", "timer_stats", "sysrq-trigger"};
constexpr std::array<std::string_view, 4> kReadOnly{"bus", "fs", "irq", "sys"};

Result<void> mask(const std::string& path, const char* dev_null) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return {};  // absent on this kernel: nothing to hide
  if (S_ISDIR(st.st_mode))
    return mount_tmpfs(path.c_str(), MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC,
                       "size=4k,mode=0555");
  return bind_mount(dev_null, path.c_str(), kAttrRo | kAttrNosuid | kAttrNoexec, false);
}

}  // namespace

Result<void> mount_procfs(const char* target, const char* dev_null) {
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
    if (auto r = mask(base + std::string(name), dev_null); !r) return r;
  return {};
}

}  // namespace tc::sandbox
