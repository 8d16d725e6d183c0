// tinycontainer — everything the sandbox core needs from the seccomp layer, in one call.
//
// Contract: prepare_seccomp() runs in the supervisor before fork: it resolves the
// profile (effective_profile.hpp: default, --seccomp-profile FILE, --allow-syscall NAMEs),
// builds the policy, gets the BPF program through `cache` (compiled at most once per
// policy), and makes the notification callback. The sandbox spec then takes
//   spec.seccomp_program          = setup.filter.program
//   spec.seccomp_user_notify      = setup.filter.user_notify
//   spec.on_seccomp_notification  = setup.on_notification
// and the child installs the program with install.hpp as its last step before execve.
// The workload process runs a few syscalls AFTER installing the filter: sendmsg (to
// pass the listener, with user_notify), close and execve. A policy that does not allow
// them unconditionally could never start a workload: prepare_seccomp refuses it with
// "seccomp policy: 'execve' must be allowed: ..." instead of a mysterious SIGSYS.
// Errors: Phase::config for profile problems (file and JSON path named),
// Phase::security for policy/compile problems.
#pragma once

#include "common/error.hpp"
#include "linux/seccomp/compiled_filter.hpp"
#include "linux/seccomp/effective_profile.hpp"
#include "linux/seccomp/filter_cache.hpp"
#include "linux/seccomp/notification.hpp"

namespace tc::seccomp {

struct SeccompSetup {
  CompiledFilter filter;
  NotificationCallback on_notification;  // set when filter.user_notify
};

[[nodiscard]] Result<SeccompSetup> prepare_seccomp(const ProfileChoice& choice, FilterCache& cache,
                                                   bool user_notify = true);

}  // namespace tc::seccomp
