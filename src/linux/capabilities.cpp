#include "linux/capabilities.hpp"

#include <grp.h>
#include <linux/capability.h>
#include <linux/securebits.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace tc::sandbox {

namespace {

Result<void> drop_bounding_set() {
  for (int cap = 0;; ++cap) {
    if (::prctl(PR_CAPBSET_READ, cap, 0, 0, 0) < 0) break;  // EINVAL: past the last capability
    if (::prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0)
      return sys_error(Phase::security, "drop bounding capability");
  }
  return {};
}

Result<void> lock_securebits() {
  unsigned long bits = SECBIT_NOROOT | SECBIT_NOROOT_LOCKED | SECBIT_NO_SETUID_FIXUP |
                       SECBIT_NO_SETUID_FIXUP_LOCKED | SECBIT_KEEP_CAPS_LOCKED |
                       SECBIT_NO_CAP_AMBIENT_RAISE | SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED;
  if (::prctl(PR_SET_SECUREBITS, bits, 0, 0, 0) != 0)
    return sys_error(Phase::security, "set securebits");
  return {};
}

}  // namespace

Result<void> clear_capability_sets() {
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[2]{};
  if (::syscall(SYS_capset, &header, data) != 0) return sys_error(Phase::security, "capset");
  return {};
}

Result<void> drop_privileges(uid_t uid, gid_t gid, bool setgroups_allowed) {
  if (auto r = lock_securebits(); !r) return r;
  if (auto r = drop_bounding_set(); !r) return r;
  if (::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0)
    return sys_error(Phase::security, "clear ambient capabilities");
  if (setgroups_allowed && ::setgroups(1, &gid) != 0)
    return sys_error(Phase::security, "setgroups");
  if (::setresgid(gid, gid, gid) != 0) return sys_error(Phase::security, "setresgid");
  if (::setresuid(uid, uid, uid) != 0) return sys_error(Phase::security, "setresuid");
  if (auto r = clear_capability_sets(); !r) return r;
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
    return sys_error(Phase::security, "no_new_privs");
  return {};
}

}  // namespace tc::sandbox
