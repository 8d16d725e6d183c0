#include "linux/capabilities.hpp"

#include <grp.h>
#include <linux/capability.h>
#include <linux/securebits.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace tc::sandbox {

namespace {

// With capabilities to keep, the ambient set must stay raisable: they reach the workload
// through it (SECBIT_NOROOT gives uid 0 nothing from the file/bounding sets at execve).
Result<void> lock_securebits(bool keep_some) {
  unsigned long bits = SECBIT_NOROOT | SECBIT_NOROOT_LOCKED | SECBIT_NO_SETUID_FIXUP |
                       SECBIT_NO_SETUID_FIXUP_LOCKED | SECBIT_KEEP_CAPS_LOCKED;
  if (!keep_some) bits |= SECBIT_NO_CAP_AMBIENT_RAISE | SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED;
  if (::prctl(PR_SET_SECUREBITS, bits, 0, 0, 0) != 0)
    return sys_error(Phase::security, "set securebits");
  return {};
}

}  // namespace

Result<void> drop_privileges(uid_t uid, gid_t gid, bool setgroups_allowed,
                             const caps::CapPlan& plan) {
  if (auto r = lock_securebits(plan.keep != 0); !r) return r;
  if (setgroups_allowed && ::setgroups(1, &gid) != 0)
    return sys_error(Phase::security, "setgroups");
  if (::setresgid(gid, gid, gid) != 0) return sys_error(Phase::security, "setresgid");
  if (::setresuid(uid, uid, uid) != 0) return sys_error(Phase::security, "setresuid");
  // NO_SETUID_FIXUP kept the permitted set across the uid change; the caps layer now
  // leaves exactly plan.keep in all five sets (bounding, ambient, inheritable, permitted,
  // effective).
  if (int rc = caps::apply_cap_plan(plan); rc != 0)
    return std::unexpected(Error{Phase::security, "apply capability plan", -rc});
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
    return sys_error(Phase::security, "no_new_privs");
  return {};
}

}  // namespace tc::sandbox
