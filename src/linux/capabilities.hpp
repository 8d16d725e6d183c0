// tinycontainer — dropping privileges for good before the workload is executed.
//
// Contract: drop_privileges() leaves the calling process with exactly plan.keep (empty by
// default; --cap-add) in each of the five capability sets — the one implementation of
// that is the caps layer (caps/cap_plan.hpp apply_cap_plan) — locks the securebits so
// that even uid 0 (the rootless case) regains nothing at execve (SECBIT_NOROOT, *_LOCKED), switches to uid/gid with a
// single supplementary group (unless setgroups is denied in the namespace) and sets
// PR_SET_NO_NEW_PRIVS. Errors are Phase::security; the caller must not execve then.
#pragma once

#include <sys/types.h>

#include "common/error.hpp"
#include "linux/caps/cap_plan.hpp"

namespace tc::sandbox {

[[nodiscard]] Result<void> drop_privileges(uid_t uid, gid_t gid, bool setgroups_allowed,
                                           const caps::CapPlan& plan);

}  // namespace tc::sandbox
