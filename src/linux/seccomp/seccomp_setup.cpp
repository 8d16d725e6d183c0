#include "linux/seccomp/seccomp_setup.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <optional>

#include "common/fnv1a.hpp"
#include "common/unique_fd.hpp"
#include "linux/seccomp/default_profile_data.hpp"
#include "linux/seccomp/policy_builder.hpp"
#include "linux/seccomp/profile_json.hpp"

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

// The verbatim inputs the effective policy is derived from. Equal sources give equal
// policies, so a cached filter found by source is the one the full path would build.
// nullopt (skip the fast path) when the profile file cannot be read: the full path then
// reports the precise error.
// Every source starts with the notify line and the embedded default profile: that prefix
// is hashed at compile time (~8 KiB of byte-serial FNV-1a less per run).
constexpr std::string_view notify_line(bool user_notify) {
  return user_notify ? "notify 1\n" : "notify 0\n";
}
constexpr std::uint64_t prefix_hash(bool user_notify) {
  return fnv1a(kDefaultProfileJson, FilterCache::source_hash(notify_line(user_notify)));
}
constexpr std::uint64_t kPrefixHash[2] = {prefix_hash(false), prefix_hash(true)};

std::optional<std::string> choice_source(const ProfileChoice& choice, bool user_notify) {
  std::string source;
  source.reserve(notify_line(user_notify).size() + kDefaultProfileJson.size() + 64);
  source += notify_line(user_notify);
  source += kDefaultProfileJson;
  source += '\0';
  if (choice.file) {
    UniqueFd fd(open(choice.file->c_str(), O_RDONLY | O_CLOEXEC));
    if (!fd) return std::nullopt;
    char buf[8192];
    for (;;) {
      const ssize_t n = read(fd.get(), buf, sizeof buf);
      if (n < 0) return std::nullopt;
      if (n == 0) break;
      source.append(buf, static_cast<std::size_t>(n));
      if (source.size() > (4U << 20)) return std::nullopt;  // absurd profile: no fast path
    }
  }
  source += '\0';
  for (const auto& name : choice.allow_syscalls) {
    source += name;
    source += '\n';
  }
  return source;
}

Result<SeccompSetup> finish(CompiledFilter filter) {
  SeccompSetup setup{std::move(filter), {}};
  if (setup.filter.user_notify) {
    auto cb = make_notification_callback();
    if (!cb) return std::unexpected(cb.error());
    setup.on_notification = std::move(*cb);
  }
  return setup;
}

}  // namespace

Result<SeccompSetup> prepare_seccomp(const ProfileChoice& choice, FilterCache& cache,
                                     bool user_notify) {
  const auto source = choice_source(choice, user_notify);
  if (source) {
    const std::size_t prefix = notify_line(user_notify).size() + kDefaultProfileJson.size();
    const std::uint64_t hash =
        fnv1a(std::string_view(*source).substr(prefix), kPrefixHash[user_notify ? 1 : 0]);
    if (auto hit = cache.find_source(*source, hash)) return finish(std::move(*hit));
  }
  auto profile = effective_profile(choice);
  if (!profile) return std::unexpected(profile.error());
  auto policy =
      SeccompPolicyBuilder().from_profile(*profile).user_notify(user_notify).build_policy();
  if (!policy) return std::unexpected(policy.error());
  if (auto ok = check_startable(*policy); !ok) return std::unexpected(ok.error());
  auto filter = cache.get_or_compile(*policy);
  if (!filter) return std::unexpected(filter.error());
  if (source) cache.remember_source(*source, *filter);
  return finish(std::move(*filter));
}

}  // namespace tc::seccomp
