// tinycontainer — syscall names <-> numbers, through libseccomp's tables.
//
// Contract: lookup_syscall() says whether libseccomp knows a name at all and, if so,
// its number on the native ABI (nullopt number = known, but not a syscall of this
// architecture, e.g. "socketcall" on x86_64: such rules are skipped when compiling).
// describe_syscall() names a (audit arch, number) pair as a seccomp notification
// carries it: native ABI -> "mount"; another ABI -> "i386:mount" / "x32:getpid";
// unknown numbers -> "syscall#1000" (never fails, never returns an empty string).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tc::seccomp {

struct SyscallLookup {
  bool known = false;
  std::optional<int> native_number;
};

[[nodiscard]] SyscallLookup lookup_syscall(std::string_view name);
[[nodiscard]] std::string describe_syscall(std::uint32_t audit_arch, int nr);

}  // namespace tc::seccomp
