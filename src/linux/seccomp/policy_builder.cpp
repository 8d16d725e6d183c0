#include "linux/seccomp/policy_builder.hpp"

#include <algorithm>
#include <map>

#include "linux/seccomp/compiler.hpp"
#include "linux/seccomp/filter_cache.hpp"
#include "linux/seccomp/syscall_names.hpp"

namespace tc::seccomp {
namespace {

std::optional<std::string> check_action(const Action& a) {
  if (a.kind == ActionKind::errno_code && (a.err < 1 || a.err > 4095))
    return "errno " + std::to_string(a.err) + " out of range 1..4095";
  return std::nullopt;
}

std::optional<std::string> check_args(std::string_view name,
                                      const std::vector<ArgCondition>& args) {
  if (args.empty()) return "conditional rule for '" + std::string(name) + "' without conditions";
  for (const auto& a : args) {
    if (a.index > 5) return "argument index " + std::to_string(a.index) + " out of range 0..5";
    const bool masked = a.op == ArgOp::masked_eq || a.op == ArgOp::masked_ne;
    if (masked && a.mask == 0) return "zero mask in a condition on '" + std::string(name) + "'";
    if (masked && (a.value & ~a.mask) != 0)
      return "condition value has bits outside its mask on '" + std::string(name) + "'";
  }
  return std::nullopt;
}

std::optional<std::string> check_name(std::string_view name) {
  if (!lookup_syscall(name).known) return "unknown syscall '" + std::string(name) + "'";
  return std::nullopt;
}

}  // namespace

SeccompPolicyBuilder SeccompPolicyBuilder::failed(std::string message) const {
  SeccompPolicyBuilder next = *this;
  if (!next.error_)
    next.error_ = Error{Phase::security, "seccomp policy: " + std::move(message), 0};
  return next;
}

std::optional<std::string> SeccompPolicyBuilder::set_here(std::string_view name, Action a) {
  if (auto e = check_name(name)) return e;
  if (auto e = check_action(a)) return e;
  policy_.syscalls[std::string(name)] = SyscallPolicy{a, {}};
  return std::nullopt;
}

std::optional<std::string> SeccompPolicyBuilder::add_if_here(std::string_view name, Action a,
                                                             std::vector<ArgCondition> args) {
  if (auto e = check_name(name)) return e;
  if (auto e = check_action(a)) return e;
  if (auto e = check_args(name, args)) return e;
  std::sort(args.begin(), args.end());
  auto& sp = policy_.syscalls[std::string(name)];
  sp.unconditional.reset();
  ConditionalRule rule{a, std::move(args)};
  auto pos = std::lower_bound(sp.conditional.begin(), sp.conditional.end(), rule);
  if (pos == sp.conditional.end() || *pos != rule) sp.conditional.insert(pos, std::move(rule));
  return std::nullopt;
}

SeccompPolicyBuilder SeccompPolicyBuilder::set(std::string_view name, Action a) const {
  if (error_) return *this;
  SeccompPolicyBuilder next = *this;
  if (auto e = next.set_here(name, a)) return failed(*e);
  return next;
}

SeccompPolicyBuilder SeccompPolicyBuilder::add_if(std::string_view name, Action a,
                                                  std::vector<ArgCondition> args) const {
  if (error_) return *this;
  SeccompPolicyBuilder next = *this;
  if (auto e = next.add_if_here(name, a, std::move(args))) return failed(*e);
  return next;
}

SeccompPolicyBuilder SeccompPolicyBuilder::allow(std::string_view name) const {
  return set(name, Action{ActionKind::allow, 0});
}

SeccompPolicyBuilder SeccompPolicyBuilder::allow(
    std::initializer_list<std::string_view> names) const {
  SeccompPolicyBuilder next = *this;
  for (auto n : names) next = next.allow(n);
  return next;
}

SeccompPolicyBuilder SeccompPolicyBuilder::deny_errno(std::string_view name, int err) const {
  return set(name, Action{ActionKind::errno_code, err});
}

SeccompPolicyBuilder SeccompPolicyBuilder::violation(std::string_view name) const {
  return set(name, Action{ActionKind::violation, 0});
}

SeccompPolicyBuilder SeccompPolicyBuilder::kill(std::string_view name) const {
  return set(name, Action{ActionKind::kill_process, 0});
}

SeccompPolicyBuilder SeccompPolicyBuilder::allow_if(std::string_view name,
                                                    std::vector<ArgCondition> args) const {
  return add_if(name, Action{ActionKind::allow, 0}, std::move(args));
}

SeccompPolicyBuilder SeccompPolicyBuilder::deny_errno_if(std::string_view name, int err,
                                                         std::vector<ArgCondition> args) const {
  return add_if(name, Action{ActionKind::errno_code, err}, std::move(args));
}

SeccompPolicyBuilder SeccompPolicyBuilder::violation_if(std::string_view name,
                                                        std::vector<ArgCondition> args) const {
  return add_if(name, Action{ActionKind::violation, 0}, std::move(args));
}

SeccompPolicyBuilder SeccompPolicyBuilder::default_action(Action a) const {
  if (error_) return *this;
  if (auto e = check_action(a)) return failed(*e);
  SeccompPolicyBuilder next = *this;
  next.policy_.default_action = a;
  return next;
}

SeccompPolicyBuilder SeccompPolicyBuilder::default_errno(int err) const {
  return default_action(Action{ActionKind::errno_code, err});
}

SeccompPolicyBuilder SeccompPolicyBuilder::user_notify(bool on) const {
  SeccompPolicyBuilder next = *this;
  next.policy_.user_notify = on;
  return next;
}

SeccompPolicyBuilder SeccompPolicyBuilder::from_profile(const Profile& p) const {
  if (error_) return *this;
  // Where each syscall got an unconditional / conditional rule in p (for messages).
  std::map<std::string, std::string> uncond_at, cond_at;
  SeccompPolicyBuilder next = p.declares_default ? default_action(p.default_action) : *this;
  for (const auto& name : mentioned_syscalls(p)) next.policy_.syscalls.erase(name);
  for (std::size_t i = 0; i < p.rules.size() && !next.error_; ++i) {
    const RuleGroup& g = p.rules[i];
    const std::string where = p.name + " rules[" + std::to_string(i) + "]";
    for (const auto& name : g.syscalls) {
      auto& mine = g.args.empty() ? uncond_at : cond_at;
      const auto& other = g.args.empty() ? cond_at : uncond_at;
      if (auto it = other.find(name); it != other.end())
        return next.failed(where + ": '" + name +
                           "' has both unconditional and conditional rules (" + it->second +
                           "); make the rules of one syscall all conditional");
      if (g.args.empty() && mine.contains(name))
        return next.failed(where + ": '" + name + "' already has an unconditional rule (" +
                           mine[name] + ")");
      mine.emplace(name, where);
      auto e =
          g.args.empty() ? next.set_here(name, g.action) : next.add_if_here(name, g.action, g.args);
      if (e) return failed(where + ": " + *e);  // names the rule that failed
    }
  }
  return next;
}

Result<Policy> SeccompPolicyBuilder::build_policy() const {
  if (error_) return std::unexpected(*error_);
  return policy_;
}

Result<CompiledFilter> SeccompPolicyBuilder::build() const {
  auto p = build_policy();
  if (!p) return std::unexpected(p.error());
  return compile_policy(*p);
}

Result<CompiledFilter> SeccompPolicyBuilder::build(FilterCache& cache) const {
  auto p = build_policy();
  if (!p) return std::unexpected(p.error());
  return cache.get_or_compile(*p);
}

}  // namespace tc::seccomp
