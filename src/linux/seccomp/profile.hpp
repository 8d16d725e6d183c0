// tinycontainer — the seccomp profile model: policy as typed data.
//
// Contract: a Profile is what profiles/*.json says, after strict validation
// (profile_json.hpp). It is a default action plus ordered rule groups; each group gives
// one action to a list of syscalls, optionally only when argument conditions hold
// (conditions of one group are ANDed; groups are ORed). Semantics per syscall:
//   * a syscall has EITHER one unconditional action OR a set of conditional rules;
//     when none of its conditional rules matches, the profile's default action applies;
//   * conditional rules of one syscall must be disjoint (masked_eq / masked_ne pairs).
// `violation` means: the syscall is dangerous; the run ends with status
// security_violation naming it (seccomp user notification, see notification.hpp).
// Operations: overlay() (per-syscall replacement, for --seccomp-profile FILE on top of
// the default) and with_allowed() (for --allow-syscall NAME). Both are pure.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tc::seccomp {

// Comparison of one syscall argument, as libseccomp's scmp_compare. masked_ne is ours:
// "(arg & mask) != value", compiled to one masked_eq rule per mask bit (compiler.hpp),
// so it never depends on the order libseccomp evaluates overlapping rules.
enum class ArgOp { eq, ne, lt, le, gt, ge, masked_eq, masked_ne };

struct ArgCondition {
  unsigned index = 0;  // 0..5
  ArgOp op = ArgOp::eq;
  std::uint64_t value = 0;
  std::uint64_t mask = 0;  // masked_eq / masked_ne only
  auto operator<=>(const ArgCondition&) const = default;
};

enum class ActionKind { allow, errno_code, violation, kill_process };

struct Action {
  ActionKind kind = ActionKind::errno_code;
  int err = 0;  // errno_code only
  auto operator<=>(const Action&) const = default;
};

struct RuleGroup {
  std::string comment;  // the justification, kept with the data
  Action action;
  std::vector<std::string> syscalls;
  std::vector<ArgCondition> args;  // empty = unconditional
};

struct Profile {
  std::string name;
  std::string description;
  std::string extends;           // "" (stands alone) or "default" (overlays the default)
  bool declares_default = true;  // false: inherits the base's default action in overlay()
  Action default_action{ActionKind::errno_code, 38 /* ENOSYS */};
  std::vector<RuleGroup> rules;
};

[[nodiscard]] std::string_view to_string(ArgOp op) noexcept;
[[nodiscard]] std::string_view to_string(ActionKind kind) noexcept;
// "allow", "errno(ENOSYS)", "violation", "kill_process"
[[nodiscard]] std::string describe(const Action& a);

// Every syscall name the profile mentions, in first-mention order, without duplicates.
[[nodiscard]] std::vector<std::string> mentioned_syscalls(const Profile& p);

// `extra` on top of `base`: every syscall `extra` mentions loses all of its rules from
// `base` and gets exactly `extra`'s; `extra`'s default action wins when it declares one.
// The name becomes "base+extra"; the result extends nothing.
[[nodiscard]] Profile overlay(const Profile& base, const Profile& extra);

// `base` plus an unconditional allow for each name (replacing that syscall's rules).
// Names are not validated here; the policy builder rejects unknown ones.
[[nodiscard]] Profile with_allowed(const Profile& base, const std::vector<std::string>& names);

}  // namespace tc::seccomp
