// tinycontainer — compiles a Policy to a compact classic-BPF program: a binary search over
// runs of syscall numbers that share an action.
//
// Contract: compile_ranges(policy) returns a program with exactly the decisions of
// compile_policy()'s libseccomp program (compiler.hpp) — the audit arch and the x32 bit
// checked first (other ABIs get the violation action), then the syscall number — or nullopt
// when the policy holds something this compiler does not take on, and the caller then uses
// libseccomp's program:
//   - an unknown syscall name (libseccomp reports it precisely);
//   - argument conditions other than eq, ne, masked_eq, masked_ne, or two conditions on
//     one argument in a rule (libseccomp refuses those: the error stays its own);
//   - one syscall's rules with different actions that are not provably disjoint (the
//     result would depend on the order rules are evaluated in);
//   - a jump longer than classic BPF's 255 instructions (very large policies).
// Why: libseccomp emits one leaf per syscall (~600 instructions for the default profile);
// the kernel converts, JIT-compiles and, for its per-syscall action cache, emulates the
// program once per syscall number at install time, so installing it cost ~100 µs per run.
// Runs of numbers with one action (84 for the default profile) need ~1/3 of that
// (docs/SECURITY.md "Filter layout"). Equivalence with libseccomp is tested by running both
// programs in a BPF interpreter over every syscall number and boundary argument values.
#pragma once

#include <linux/filter.h>

#include <optional>
#include <vector>

#include "linux/seccomp/policy.hpp"

namespace tc::seccomp {

[[nodiscard]] std::optional<std::vector<sock_filter>> compile_ranges(const Policy& policy);

}  // namespace tc::seccomp
