// tinycontainer — fluent, immutable seccomp policy builder with a sticky error
// (in the style of sandbox2's PolicyBuilder::TryBuild).
//
// Contract:
//  * Every method is const and returns a NEW builder; the receiver never changes, so a
//    base builder can be shared and specialised per run without copying surprises.
//  * The first invalid call (unknown syscall name, argument index > 5, zero mask, errno
//    out of 1..4095, a conditional rule for a syscall that has an unconditional one in
//    the same profile) records an Error; every later call keeps that first error and
//    build() returns it. Nothing is reported twice or lost.
//  * Unconditional calls (allow/deny_errno/violation/kill) REPLACE every earlier rule of
//    that syscall. Conditional calls (*_if) ADD a rule and drop an earlier unconditional
//    one. from_profile(p) replaces, for every syscall p mentions, its rules by p's
//    (and sets p's default action); inside p an unconditional and a conditional rule
//    for one syscall is an error naming both rule paths.
//  * build() = build_policy() then compile (compiler.hpp); build(cache) goes through
//    a FilterCache.
#pragma once

#include <initializer_list>
#include <optional>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "linux/seccomp/compiled_filter.hpp"
#include "linux/seccomp/policy.hpp"
#include "linux/seccomp/profile.hpp"

namespace tc::seccomp {

class FilterCache;

class SeccompPolicyBuilder {
 public:
  SeccompPolicyBuilder() = default;

  [[nodiscard]] SeccompPolicyBuilder allow(std::string_view name) const;
  [[nodiscard]] SeccompPolicyBuilder allow(std::initializer_list<std::string_view> names) const;
  [[nodiscard]] SeccompPolicyBuilder deny_errno(std::string_view name, int err) const;
  [[nodiscard]] SeccompPolicyBuilder violation(std::string_view name) const;
  [[nodiscard]] SeccompPolicyBuilder kill(std::string_view name) const;

  [[nodiscard]] SeccompPolicyBuilder allow_if(std::string_view name,
                                              std::vector<ArgCondition> args) const;
  [[nodiscard]] SeccompPolicyBuilder deny_errno_if(std::string_view name, int err,
                                                   std::vector<ArgCondition> args) const;
  [[nodiscard]] SeccompPolicyBuilder violation_if(std::string_view name,
                                                  std::vector<ArgCondition> args) const;

  [[nodiscard]] SeccompPolicyBuilder default_errno(int err) const;
  [[nodiscard]] SeccompPolicyBuilder default_action(Action a) const;
  [[nodiscard]] SeccompPolicyBuilder user_notify(bool on) const;
  [[nodiscard]] SeccompPolicyBuilder from_profile(const Profile& p) const;

  // The first error recorded, if any.
  [[nodiscard]] const std::optional<Error>& error() const noexcept { return error_; }

  [[nodiscard]] Result<Policy> build_policy() const;
  [[nodiscard]] Result<CompiledFilter> build() const;
  [[nodiscard]] Result<CompiledFilter> build(FilterCache& cache) const;

 private:
  [[nodiscard]] SeccompPolicyBuilder set(std::string_view name, Action a) const;
  [[nodiscard]] SeccompPolicyBuilder add_if(std::string_view name, Action a,
                                            std::vector<ArgCondition> args) const;
  [[nodiscard]] SeccompPolicyBuilder failed(std::string message) const;
  // In-place forms used by the public (copying) ones and by from_profile(), which
  // applies a whole profile to one private copy. They return an error message or nullopt.
  [[nodiscard]] std::optional<std::string> set_here(std::string_view name, Action a);
  [[nodiscard]] std::optional<std::string> add_if_here(std::string_view name, Action a,
                                                       std::vector<ArgCondition> args);

  Policy policy_;
  std::optional<Error> error_;
};

}  // namespace tc::seccomp
