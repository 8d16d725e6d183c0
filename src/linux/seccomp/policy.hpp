// tinycontainer — the canonical seccomp policy: what gets compiled and cached.
//
// Contract: a Policy is the fully-resolved, validated result of a SeccompPolicyBuilder.
// Per syscall it holds EITHER one unconditional action OR conditional rules (never
// both; see profile.hpp). Its canonical_text() is deterministic: it depends only on the
// policy's meaning, not on the order rules were added, so hash() is a stable cache key
// (FNV-1a 64 of the canonical text; stable across processes and builds).
// `user_notify` selects how `violation` is enforced: true -> SECCOMP_RET_USER_NOTIF (the
// supervisor names the syscall); false -> SECCOMP_RET_KILL_PROCESS (SIGSYS).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "linux/seccomp/profile.hpp"

namespace tc::seccomp {

struct ConditionalRule {
  Action action;
  std::vector<ArgCondition> args;  // ANDed, sorted
  auto operator<=>(const ConditionalRule&) const = default;
};

struct SyscallPolicy {
  std::optional<Action> unconditional;
  std::vector<ConditionalRule> conditional;  // sorted, unique
  bool operator==(const SyscallPolicy&) const = default;
};

struct Policy {
  Action default_action{ActionKind::errno_code, 38 /* ENOSYS */};
  bool user_notify = true;
  std::map<std::string, SyscallPolicy> syscalls;

  [[nodiscard]] std::string canonical_text() const;
  [[nodiscard]] std::uint64_t hash() const;
  bool operator==(const Policy&) const = default;
};

// The action a syscall gets when called with no argument filtering involved:
// its unconditional action, or nullopt when it has conditional rules or no rule.
[[nodiscard]] std::optional<Action> unconditional_action(const Policy& p, const std::string& name);

}  // namespace tc::seccomp
