// The range compiler (linux/seccomp/range_compiler.hpp) against libseccomp: both programs
// run in a classic-BPF interpreter over every syscall number of four ABIs and, for the
// syscalls with argument rules, over a grid of boundary argument values; every decision
// must be the same.
#include "linux/seccomp/range_compiler.hpp"

#include <gtest/gtest.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "linux/seccomp/compiler.hpp"
#include "linux/seccomp/policy_builder.hpp"
#include "linux/seccomp/profile_json.hpp"
#include "linux/seccomp/syscall_names.hpp"
#include "support/bpf_run.hpp"

namespace {

using namespace tc::seccomp;

using tc::seccomp::testing::Input;
using tc::seccomp::testing::run_bpf;

Policy default_policy(bool notify) {
  auto prof = default_profile();
  EXPECT_TRUE(prof);
  auto p = SeccompPolicyBuilder().from_profile(*prof).user_notify(notify).build_policy();
  EXPECT_TRUE(p) << p.error().describe();
  return *p;
}

std::vector<std::uint64_t> arg_values(const Policy& p) {
  std::vector<std::uint64_t> v{0,          1,           2,          3,
                               0xffffffff, 0x100000000, ~0ULL,      0x8000000000000000ULL,
                               0x7fffffff, 0x80000000,  0xdeadbeef, 0x123456789abcdefULL};
  for (const auto& [name, sp] : p.syscalls)
    for (const auto& r : sp.conditional)
      for (const auto& c : r.args)
        for (std::uint64_t base : {c.value, c.value & c.mask, c.mask, ~c.mask, c.value ^ c.mask})
          for (std::uint64_t d :
               {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{0x100000000ULL}})
            for (std::uint64_t x : std::array<std::uint64_t, 4>{base, base + d, base - d,
                                                                base | 0xffffffff00000000ULL})
              v.push_back(x);
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

// Every decision of the two programs, compared; returns how many inputs were checked.
std::size_t expect_same_decisions(const Policy& policy, const std::vector<sock_filter>& ours,
                                  const std::vector<sock_filter>& theirs) {
  std::size_t checked = 0;
  auto same = [&](const Input& in) {
    const auto a = run_bpf(ours, in);
    const auto b = run_bpf(theirs, in);
    ASSERT_TRUE(a && b) << "interpreter failed: arch " << in.arch << " nr " << in.nr;
    ASSERT_EQ(*a, *b) << "arch " << std::hex << in.arch << " nr " << std::dec << in.nr << " args "
                      << in.args[0] << "," << in.args[1] << "," << in.args[2];
    ++checked;
  };
  std::vector<std::uint32_t> nrs;
  for (std::uint32_t n = 0; n < 1100; ++n) nrs.push_back(n);
  for (std::uint32_t n = 0; n < 600; ++n) nrs.push_back(0x40000000 + n);
  for (std::uint32_t n : {0x3fffffffU, 0x7fffffffU, 0x80000000U, 0xffffffffU}) nrs.push_back(n);
  for (std::uint32_t arch :
       std::array<std::uint32_t, 4>{AUDIT_ARCH_X86_64, AUDIT_ARCH_I386, 0U, 0xffffffffU})
    for (std::uint32_t nr : nrs) {
      same(Input{arch, nr, {}});
      if (::testing::Test::HasFatalFailure()) return checked;
    }
  const auto values = arg_values(policy);
  for (const auto& [name, sp] : policy.syscalls) {
    if (sp.conditional.empty()) continue;
    auto lk = lookup_syscall(name);
    if (!lk.native_number) continue;
    unsigned top = 0;  // highest argument index the rules look at
    for (const auto& r : sp.conditional)
      for (const auto& c : r.args) top = std::max(top, c.index);
    Input in{AUDIT_ARCH_X86_64, static_cast<std::uint32_t>(*lk.native_number), {}};
    for (std::uint64_t v0 : values)
      for (std::uint64_t v1 : top >= 1 ? values : std::vector<std::uint64_t>{0})
        for (std::uint64_t v2 : top >= 2 ? values : std::vector<std::uint64_t>{0}) {
          in.args = {v0, v1, v2, 0, 0, 0};
          same(in);
          if (::testing::Test::HasFatalFailure()) return checked;
        }
  }
  return checked;
}

TEST(RangeCompiler, DefaultProfileDecidesLikeLibseccomp) {
  for (bool notify : {true, false}) {
    const Policy policy = default_policy(notify);
    auto ours = compile_ranges(policy);
    ASSERT_TRUE(ours) << "the range compiler refused the default profile";
    auto theirs = compile_policy_libseccomp(policy);
    ASSERT_TRUE(theirs) << theirs.error().describe();
    // The point of it: a much smaller program (install time follows the size).
    EXPECT_LT(ours->size() * 2, theirs->program.size())
        << ours->size() << " vs " << theirs->program.size() << " instructions";
    const std::size_t n = expect_same_decisions(policy, *ours, theirs->program);
    EXPECT_GT(n, 100000u);
    // compile_policy() now hands out the range program.
    auto chosen = compile_policy(policy);
    ASSERT_TRUE(chosen);
    EXPECT_EQ(chosen->program.size(), ours->size());
  }
}

TEST(RangeCompiler, EqualityNegationAndSameActionOverlapsMatchLibseccomp) {
  Policy p;
  p.default_action = Action{ActionKind::errno_code, 1};
  p.user_notify = false;
  p.syscalls["read"].unconditional = Action{ActionKind::allow, 0};
  p.syscalls["getpid"].unconditional = Action{ActionKind::violation, 0};
  p.syscalls["kill"].unconditional = Action{ActionKind::kill_process, 0};
  // eq / ne on full 64-bit values, two overlapping rules with one action.
  p.syscalls["write"].conditional = {
      ConditionalRule{Action{ActionKind::allow, 0}, {ArgCondition{0, ArgOp::eq, 1, 0}}},
      ConditionalRule{Action{ActionKind::allow, 0}, {ArgCondition{2, ArgOp::ne, 0x100000000, 0}}}};
  // masked equal / not equal with high bits in the mask, different actions, disjoint.
  p.syscalls["fcntl"].conditional = {
      ConditionalRule{Action{ActionKind::allow, 0},
                      {ArgCondition{1, ArgOp::masked_eq, 0x500000002, 0xf0000000f}}},
      ConditionalRule{Action{ActionKind::errno_code, 13},
                      {ArgCondition{1, ArgOp::masked_ne, 0x500000002, 0xf0000000f},
                       ArgCondition{0, ArgOp::masked_eq, 3, 0xff}}}};
  auto ours = compile_ranges(p);
  ASSERT_TRUE(ours);
  auto theirs = compile_policy_libseccomp(p);
  ASSERT_TRUE(theirs) << theirs.error().describe();
  EXPECT_GT(expect_same_decisions(p, *ours, theirs->program), 10000u);
}

TEST(RangeCompiler, RefusesWhatItCannotProveEquivalent) {
  Policy overlap;  // two actions whose conditions can both hold: order would matter
  overlap.syscalls["write"].conditional = {
      ConditionalRule{Action{ActionKind::allow, 0}, {ArgCondition{0, ArgOp::eq, 1, 0}}},
      ConditionalRule{Action{ActionKind::violation, 0}, {ArgCondition{2, ArgOp::eq, 5, 0}}}};
  EXPECT_FALSE(compile_ranges(overlap));
  Policy ordered;  // a comparison it does not emit
  ordered.syscalls["write"].conditional = {
      ConditionalRule{Action{ActionKind::allow, 0}, {ArgCondition{0, ArgOp::lt, 3, 0}}}};
  EXPECT_FALSE(compile_ranges(ordered));
  Policy same_arg;  // libseccomp refuses two comparisons of one argument: so must we
  same_arg.syscalls["socket"].conditional = {
      ConditionalRule{Action{ActionKind::allow, 0},
                      {ArgCondition{0, ArgOp::masked_eq, 2, 0xffffffff},
                       ArgCondition{0, ArgOp::masked_eq, 2, 0xf}}}};
  EXPECT_FALSE(compile_ranges(same_arg));
  EXPECT_FALSE(compile_policy(same_arg));
  Policy unknown;
  unknown.syscalls["no_such_syscall"].unconditional = Action{ActionKind::allow, 0};
  EXPECT_FALSE(compile_ranges(unknown));
  // The fallback still compiles what it can (libseccomp).
  auto f = compile_policy(ordered);
  ASSERT_TRUE(f) << f.error().describe();
  EXPECT_FALSE(f->program.empty());
}

}  // namespace
