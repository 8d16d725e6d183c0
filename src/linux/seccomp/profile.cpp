#include "linux/seccomp/profile.hpp"

#include <algorithm>
#include <set>

#include "linux/seccomp/errno_names.hpp"

namespace tc::seccomp {

std::string_view to_string(ArgOp op) noexcept {
  switch (op) {
    case ArgOp::eq:
      return "eq";
    case ArgOp::ne:
      return "ne";
    case ArgOp::lt:
      return "lt";
    case ArgOp::le:
      return "le";
    case ArgOp::gt:
      return "gt";
    case ArgOp::ge:
      return "ge";
    case ArgOp::masked_eq:
      return "masked_eq";
    case ArgOp::masked_ne:
      return "masked_ne";
  }
  return "?";
}

std::string_view to_string(ActionKind kind) noexcept {
  switch (kind) {
    case ActionKind::allow:
      return "allow";
    case ActionKind::errno_code:
      return "errno";
    case ActionKind::violation:
      return "violation";
    case ActionKind::kill_process:
      return "kill_process";
  }
  return "?";
}

std::string describe(const Action& a) {
  if (a.kind != ActionKind::errno_code) return std::string(to_string(a.kind));
  return "errno(" + errno_name(a.err) + ")";
}

std::vector<std::string> mentioned_syscalls(const Profile& p) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& g : p.rules)
    for (const auto& s : g.syscalls)
      if (seen.insert(s).second) out.push_back(s);
  return out;
}

namespace {

// `group` restricted to the syscalls not in `drop`; empty when nothing remains.
RuleGroup without(const RuleGroup& group, const std::set<std::string>& drop) {
  RuleGroup g = group;
  std::erase_if(g.syscalls, [&](const std::string& s) { return drop.contains(s); });
  return g;
}

}  // namespace

Profile overlay(const Profile& base, const Profile& extra) {
  const auto names = mentioned_syscalls(extra);
  const std::set<std::string> replaced(names.begin(), names.end());
  Profile out;
  out.name = base.name + "+" + extra.name;
  out.description = base.description;
  out.declares_default = true;
  out.default_action = extra.declares_default ? extra.default_action : base.default_action;
  for (const auto& g : base.rules) {
    RuleGroup kept = without(g, replaced);
    if (!kept.syscalls.empty()) out.rules.push_back(std::move(kept));
  }
  out.rules.insert(out.rules.end(), extra.rules.begin(), extra.rules.end());
  return out;
}

Profile with_allowed(const Profile& base, const std::vector<std::string>& names) {
  Profile extra;
  extra.name = "allow-syscall";
  extra.declares_default = false;
  extra.rules.push_back(RuleGroup{"--allow-syscall", Action{ActionKind::allow, 0}, names, {}});
  Profile out = overlay(base, extra);
  out.name = base.name;
  return out;
}

}  // namespace tc::seccomp
