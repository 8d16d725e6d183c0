#include "linux/sandbox_spec.hpp"

#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <cctype>

#include "linux/copy_in.hpp"

namespace tc::sandbox {

namespace {

std::unexpected<Error> usage(std::string what) {
  return make_error(Phase::usage, std::move(what));
}

bool has_nul(std::string_view s) {
  return s.find('\0') != std::string_view::npos;
}

Result<void> validate_process(const ProcessSpec& p, const IdentitySpec& ids, bool deferred) {
  if (!deferred && (p.args.empty() || p.args.front().empty())) return usage("missing command");
  if (deferred && !p.args.empty()) return usage("a deferred-command sandbox takes no command");
  for (const auto& a : p.args)
    if (has_nul(a)) return usage("command argument contains a NUL byte");
  for (const auto& e : p.env) {
    auto eq = e.find('=');
    if (eq == std::string::npos || !valid_env_name(std::string_view(e).substr(0, eq)) || has_nul(e))
      return usage(
          fmt::format("invalid environment entry '{}' (want NAME=VALUE, NAME matching "
                      "[A-Za-z_][A-Za-z0-9_]*)",
                      e));
  }
  if (p.cwd.empty() || p.cwd.front() != '/') return usage("cwd must be an absolute path");
  if (ids.rootless && !ids.sub_ids && (p.uid != 0 || p.gid != 0))
    return usage(
        fmt::format("--user {}:{} needs root or a subordinate id range (/etc/subuid, "
                    "/etc/subgid): a rootless sandbox without one maps only the caller, "
                    "so the workload runs as uid 0 without capabilities",
                    p.uid, p.gid));
  if (ids.rootless && ids.sub_ids && (p.uid > ids.sub_ids->count || p.gid > ids.sub_ids->count))
    return usage(fmt::format("user {}:{} is outside the mapped range [0, {}] (1 + subordinate ids)",
                             p.uid, p.gid, ids.sub_ids->count));
  if (!ids.rootless && (p.uid >= ids.id_count || p.gid >= ids.id_count))
    return usage(
        fmt::format("user {}:{} is outside the mapped range [0, {})", p.uid, p.gid, ids.id_count));
  if (p.user_name.empty() || p.user_name.find_first_of(":\n") != std::string::npos)
    return usage("invalid user name");
  for (const auto& r : p.rlimits) {
    if (r.resource < 0 || r.resource >= RLIM_NLIMITS) return usage("unknown rlimit resource");
    if (r.soft > r.hard) return usage("rlimit soft value above hard value");
  }
  return {};
}

Result<void> validate_identity(const IdentitySpec& ids) {
  if (ids.rootless) return {};
  if (ids.id_count == 0) return usage("id range must not be empty");
  if (ids.host_id_base == 0) return usage("--uid-base must not be 0: never map host root");
  if (std::uint64_t{ids.host_id_base} + ids.id_count > 0xFFFFFFFEull)
    return usage("--uid-base + 65536 exceeds the 32-bit id space");
  return {};
}

Result<void> validate_io(const IoSpec& io) {
  if (io.output_limit == 0) return usage("--output-limit must be at least 1 byte");
  if (io.stdin_kind == IoSpec::Stdin::file && io.stdin_file.empty())
    return usage("--stdin needs a file name");
  return {};
}

}  // namespace

bool valid_env_name(std::string_view name) noexcept {
  if (name.empty()) return false;
  auto first = static_cast<unsigned char>(name.front());
  if (std::isdigit(first)) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) != 0 || c == '_';
  });
}

bool valid_hostname(std::string_view name) noexcept {
  // RFC 1123 labels: letters, digits, '-', '.', at most 64 bytes (HOST_NAME_MAX).
  if (name.empty() || name.size() > 64 || name.front() == '-' || name.front() == '.') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return std::isalnum(u) != 0 || c == '-' || c == '.';
  });
}

Result<void> validate_spec(const SandboxSpec& spec) {
  if (spec.idle_until_command && !spec.deferred_command)
    return usage("--idle-until-command needs --command-fd");
  if (spec.idle_until_command && spec.identity.rootless)
    return usage("--idle-until-command needs root (leaving SCHED_IDLE needs CAP_SYS_NICE)");
  if (auto r = validate_identity(spec.identity); !r) return r;
  if (auto r = validate_process(spec.process, spec.identity, spec.deferred_command); !r) return r;
  if (auto r = validate_io(spec.io); !r) return r;
  if (!valid_hostname(spec.hostname))
    return usage(fmt::format("invalid hostname '{}' (letters, digits, '-', '.'; at most 64)",
                             spec.hostname));
  if (spec.wall_time <= std::chrono::nanoseconds::zero())
    return usage("--wall-time must be positive");
  if (spec.root.tmp_size == 0 || spec.root.shm_size == 0 || spec.root.upper_size == 0)
    return usage("tmpfs sizes must be positive (0 would mean unlimited)");
  if (spec.workspace.runtime_base.empty() || !spec.workspace.runtime_base.is_absolute())
    return usage("runtime directory must be an absolute path");
  for (const auto& c : spec.workspace.copy_in)
    if (auto r = check_copy_destination(c.destination); !r) return std::unexpected(r.error());
  if (spec.seccomp_user_notify && spec.seccomp_program.empty())
    return usage("seccomp user notification requested without a filter program");
  return {};
}

std::uint32_t host_uid_of(const IdentitySpec& ids, std::uint32_t inside) noexcept {
  if (ids.rootless)
    return ids.sub_ids && inside > 0 ? ids.sub_ids->uid_start + inside - 1 : ids.caller_uid;
  return ids.host_id_base + inside;
}

std::uint32_t host_gid_of(const IdentitySpec& ids, std::uint32_t inside) noexcept {
  if (ids.rootless)
    return ids.sub_ids && inside > 0 ? ids.sub_ids->gid_start + inside - 1 : ids.caller_gid;
  return ids.host_id_base + inside;
}

}  // namespace tc::sandbox
