// tinycontainer — compiles a Policy to a classic-BPF seccomp program.
//
// Contract: compile_policy() returns the compact range program (range_compiler.hpp) when
// that compiler takes the policy on, else compile_policy_libseccomp()'s; both make the same
// decisions. compile_policy_libseccomp() is pure with respect to the process (it never loads a
// filter): it builds a libseccomp context for the native architecture only, so any other
// ABI (i386 via int 0x80, x32 via the 0x40000000 syscall bit) takes the bad-arch action,
// which is the violation action; exports the program (seccomp_export_bpf into a memfd,
// read back; libseccomp 2.5 has no in-memory export) and returns it.
//   violation  -> SCMP_ACT_NOTIFY when policy.user_notify, else SCMP_ACT_KILL_PROCESS
//   errno(E)   -> SCMP_ACT_ERRNO(E);  allow -> SCMP_ACT_ALLOW
// Rules whose action equals the default are dropped (libseccomp refuses them and they
// change nothing). masked_ne conditions expand to one masked_eq rule per mask bit
// ("bit b of the argument differs from bit b of value"), giving disjoint rules whose
// result does not depend on libseccomp's evaluation order. Syscalls libseccomp knows
// but the native ABI lacks are skipped. The program is at most BPF_MAXINSNS long.
#pragma once

#include "common/error.hpp"
#include "linux/seccomp/compiled_filter.hpp"
#include "linux/seccomp/policy.hpp"

namespace tc::seccomp {

[[nodiscard]] Result<CompiledFilter> compile_policy(const Policy& policy);
[[nodiscard]] Result<CompiledFilter> compile_policy_libseccomp(const Policy& policy);

}  // namespace tc::seccomp
