// tinycontainer — a compiled seccomp filter: the artifact handed to the sandbox core.
//
// Contract: `program` is a complete classic-BPF seccomp program for the native
// architecture (checks the audit arch and the x32 bit first; other ABIs get the
// violation action). `user_notify` is true when the program contains
// SECCOMP_RET_USER_NOTIF: it must then be installed with
// SECCOMP_FILTER_FLAG_NEW_LISTENER and the listener served (notification.hpp),
// otherwise notified syscalls fail with ENOSYS instead of being reported.
#pragma once

#include <linux/filter.h>

#include <vector>

namespace tc::seccomp {

struct CompiledFilter {
  std::vector<sock_filter> program;
  bool user_notify = false;
};

}  // namespace tc::seccomp
