#include "linux/seccomp/syscall_names.hpp"

#include <seccomp.h>

#include <cstdlib>
#include <memory>

namespace tc::seccomp {
namespace {

constexpr std::uint32_t kX32SyscallBit = 0x40000000U;

std::optional<std::string> resolve(std::uint32_t arch, int nr) {
  std::unique_ptr<char, decltype(&std::free)> name(seccomp_syscall_resolve_num_arch(arch, nr),
                                                   &std::free);
  if (!name) return std::nullopt;
  return std::string(name.get());
}

std::string_view abi_prefix(std::uint32_t arch) {
  switch (arch) {
    case SCMP_ARCH_X86:
      return "i386";
    case SCMP_ARCH_X32:
      return "x32";
    case SCMP_ARCH_X86_64:
      return "x86_64";
    case SCMP_ARCH_AARCH64:
      return "aarch64";
    case SCMP_ARCH_ARM:
      return "arm";
    default:
      return "arch";
  }
}

}  // namespace

SyscallLookup lookup_syscall(std::string_view name) {
  const std::string n(name);
  const int nr = seccomp_syscall_resolve_name(n.c_str());
  if (nr == __NR_SCMP_ERROR) return {};
  if (nr < 0) return {true, std::nullopt};
  return {true, nr};
}

std::string describe_syscall(std::uint32_t audit_arch, int nr) {
  std::uint32_t arch = audit_arch;
  // x32 shares AUDIT_ARCH_X86_64 and marks its syscall numbers with bit 30.
  if (arch == SCMP_ARCH_X86_64 && (static_cast<std::uint32_t>(nr) & kX32SyscallBit) != 0)
    arch = SCMP_ARCH_X32;
  const bool native = arch == seccomp_arch_native();
  std::optional<std::string> name = resolve(arch, nr);
  std::string text = name ? *name : "syscall#" + std::to_string(nr);
  if (native) return text;
  return std::string(abi_prefix(arch)) + ":" + text;
}

}  // namespace tc::seccomp
