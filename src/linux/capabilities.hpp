// tinycontainer — dropping privileges for good before the workload is executed.
//
// Contract: drop_privileges() leaves the calling process with no capability in any of the
// five sets (bounding via PR_CAPBSET_DROP, ambient cleared, then effective, permitted and
// inheritable zeroed with capset), locks the securebits so that even uid 0 (the rootless
// case) regains nothing at execve (SECBIT_NOROOT, *_LOCKED), switches to uid/gid with a
// single supplementary group (unless setgroups is denied in the namespace) and sets
// PR_SET_NO_NEW_PRIVS. Errors are Phase::security; the caller must not execve then.
#pragma once

#include <sys/types.h>

#include "common/error.hpp"

namespace tc::sandbox {

[[nodiscard]] Result<void> drop_privileges(uid_t uid, gid_t gid, bool setgroups_allowed);

// Zeroes the effective, permitted and inheritable sets only (used by the init process).
[[nodiscard]] Result<void> clear_capability_sets();

}  // namespace tc::sandbox
