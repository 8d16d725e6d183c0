#include "linux/seccomp/effective_profile.hpp"

#include "linux/seccomp/profile_json.hpp"
#include "linux/seccomp/syscall_names.hpp"

namespace tc::seccomp {

Result<Profile> effective_profile(const ProfileChoice& choice) {
  auto base = default_profile();
  if (!base) return base;
  Profile p = std::move(*base);
  if (choice.file) {
    auto file = load_profile(*choice.file);
    if (!file) return file;
    p = file->extends == "default" ? overlay(p, *file) : std::move(*file);
  }
  for (const auto& name : choice.allow_syscalls)
    if (!lookup_syscall(name).known)
      return make_error(Phase::usage, "--allow-syscall: unknown syscall '" + name + "'");
  if (!choice.allow_syscalls.empty()) p = with_allowed(p, choice.allow_syscalls);
  return p;
}

}  // namespace tc::seccomp
