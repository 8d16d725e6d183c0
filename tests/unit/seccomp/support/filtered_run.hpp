// tinycontainer tests — run a program under a compiled seccomp filter, supervised.
//
// Contract: run_filtered() forks; the child (stdout+stderr into one memfd, stdin
// /dev/null) optionally switches uid/gid (PR_SET_KEEPCAPS, setgroups(0), setresgid,
// setresuid), optionally applies a CapPlan, sets no_new_privs, installs the filter (with
// a listener when filter.user_notify), sends the listener to the parent over an AF_UNIX
// socketpair, and execvp()s argv. Everything the child does is async-signal-safe and
// precomputed before fork. The parent serves the listener with NotificationHandler and,
// with stop_on_violation, SIGKILLs the child at the first violation (what the sandbox
// supervisor does). It returns after the child exits or after `timeout` (then SIGKILL).
// This is the reference for how the sandbox core wires seccomp in; it is test support,
// not the sandbox (no namespaces, no cgroups).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "linux/caps/cap_plan.hpp"
#include "linux/seccomp/compiled_filter.hpp"

namespace tc::seccomp::testing {

struct FilteredRunOptions {
  bool stop_on_violation = true;
  std::optional<caps::CapPlan> caps;  // nullopt: leave capabilities alone
  std::optional<unsigned> run_as_id;  // setresgid+setresuid to this id (keeping caps) first
  std::chrono::milliseconds timeout{60000};
};

struct FilteredRunResult {
  std::optional<int> exit_code;
  std::optional<int> term_signal;
  std::vector<std::string> violations;  // syscall names, in order
  std::string output;                   // stdout + stderr
  bool timed_out = false;
};

[[nodiscard]] Result<FilteredRunResult> run_filtered(const CompiledFilter& filter,
                                                     const std::vector<std::string>& argv,
                                                     const FilteredRunOptions& options = {});

}  // namespace tc::seccomp::testing
