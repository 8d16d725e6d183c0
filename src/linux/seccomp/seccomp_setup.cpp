#include "linux/seccomp/seccomp_setup.hpp"

#include "linux/seccomp/policy_builder.hpp"

namespace tc::seccomp {
namespace {

Result<void> check_startable(const Policy& p) {
  std::vector<std::string> needed{"close", "execve"};
  if (p.user_notify) needed.emplace_back("sendmsg");
  for (const auto& name : needed) {
    const auto a = unconditional_action(p, name);
    const bool allowed =
        a ? a->kind == ActionKind::allow
          : p.default_action.kind == ActionKind::allow && !p.syscalls.contains(name);
    if (!allowed)
      return make_error(Phase::security, "seccomp policy: '" + name +
                                             "' must be allowed: the workload calls it after the "
                                             "filter is installed (listener hand-over, execve)");
  }
  return {};
}

}  // namespace

Result<SeccompSetup> prepare_seccomp(const ProfileChoice& choice, FilterCache& cache,
                                     bool user_notify) {
  auto profile = effective_profile(choice);
  if (!profile) return std::unexpected(profile.error());
  auto policy =
      SeccompPolicyBuilder().from_profile(*profile).user_notify(user_notify).build_policy();
  if (!policy) return std::unexpected(policy.error());
  if (auto ok = check_startable(*policy); !ok) return std::unexpected(ok.error());
  auto filter = cache.get_or_compile(*policy);
  if (!filter) return std::unexpected(filter.error());
  SeccompSetup setup{std::move(*filter), {}};
  if (setup.filter.user_notify) {
    auto cb = make_notification_callback();
    if (!cb) return std::unexpected(cb.error());
    setup.on_notification = std::move(*cb);
  }
  return setup;
}

}  // namespace tc::seccomp
