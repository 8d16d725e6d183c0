#include "linux/seccomp/compiler.hpp"

#include <seccomp.h>
#include <sys/mman.h>
#include <unistd.h>

#include <memory>

#include "common/unique_fd.hpp"
#include "linux/seccomp/range_compiler.hpp"
#include "linux/seccomp/syscall_names.hpp"

namespace tc::seccomp {
namespace {

constexpr std::size_t kMaxExpandedRules = 1024;

struct CtxDeleter {
  void operator()(void* ctx) const noexcept { seccomp_release(ctx); }
};
using Ctx = std::unique_ptr<void, CtxDeleter>;

std::uint32_t to_scmp(const Action& a, bool user_notify) {
  switch (a.kind) {
    case ActionKind::allow:
      return SCMP_ACT_ALLOW;
    case ActionKind::errno_code:
      return SCMP_ACT_ERRNO(static_cast<std::uint32_t>(a.err));
    case ActionKind::violation:
      return user_notify ? SCMP_ACT_NOTIFY : SCMP_ACT_KILL_PROCESS;
    case ActionKind::kill_process:
      return SCMP_ACT_KILL_PROCESS;
  }
  return SCMP_ACT_KILL_PROCESS;
}

scmp_compare to_scmp(ArgOp op) {
  switch (op) {
    case ArgOp::eq:
      return SCMP_CMP_EQ;
    case ArgOp::ne:
      return SCMP_CMP_NE;
    case ArgOp::lt:
      return SCMP_CMP_LT;
    case ArgOp::le:
      return SCMP_CMP_LE;
    case ArgOp::gt:
      return SCMP_CMP_GT;
    case ArgOp::ge:
      return SCMP_CMP_GE;
    case ArgOp::masked_eq:
    case ArgOp::masked_ne:
      return SCMP_CMP_MASKED_EQ;
  }
  return SCMP_CMP_EQ;
}

// The alternatives one condition stands for: itself, or one per bit for masked_ne.
std::vector<scmp_arg_cmp> alternatives(const ArgCondition& c) {
  if (c.op != ArgOp::masked_ne) {
    const bool masked = c.op == ArgOp::masked_eq;
    return {scmp_arg_cmp{c.index, to_scmp(c.op), masked ? c.mask : c.value, masked ? c.value : 0}};
  }
  std::vector<scmp_arg_cmp> out;
  for (unsigned b = 0; b < 64; ++b) {
    const std::uint64_t bit = std::uint64_t{1} << b;
    if ((c.mask & bit) == 0) continue;
    out.push_back(scmp_arg_cmp{c.index, SCMP_CMP_MASKED_EQ, bit, (c.value & bit) ^ bit});
  }
  return out;
}

// Cartesian product of the alternatives: each element is one ANDed libseccomp rule.
Result<std::vector<std::vector<scmp_arg_cmp>>> expand(const std::string& name,
                                                      const std::vector<ArgCondition>& args) {
  std::vector<std::vector<scmp_arg_cmp>> rules{{}};
  for (const auto& c : args) {
    std::vector<std::vector<scmp_arg_cmp>> next;
    for (const auto& alt : alternatives(c))
      for (const auto& r : rules) {
        next.push_back(r);
        next.back().push_back(alt);
      }
    if (next.size() > kMaxExpandedRules)
      return make_error(Phase::security, "seccomp: conditions on '" + name +
                                             "' expand to more than " +
                                             std::to_string(kMaxExpandedRules) + " rules");
    rules = std::move(next);
  }
  return rules;
}

Result<void> add_rule(void* ctx, const std::string& name, int nr, std::uint32_t action,
                      const std::vector<scmp_arg_cmp>& cmps) {
  const int rc = seccomp_rule_add_exact_array(ctx, action, nr, static_cast<unsigned>(cmps.size()),
                                              cmps.empty() ? nullptr : cmps.data());
  if (rc != 0) return sys_error(Phase::security, "seccomp: add rule for '" + name + "'", -rc);
  return {};
}

Result<void> add_syscall(void* ctx, const Policy& policy, const std::string& name,
                         const SyscallPolicy& sp, std::uint32_t def) {
  const SyscallLookup lk = lookup_syscall(name);
  if (!lk.known) return make_error(Phase::security, "seccomp: unknown syscall '" + name + "'");
  if (!lk.native_number) return {};  // not a syscall of this ABI
  const int nr = *lk.native_number;
  if (sp.unconditional) {
    const std::uint32_t act = to_scmp(*sp.unconditional, policy.user_notify);
    if (act == def) return {};
    return add_rule(ctx, name, nr, act, {});
  }
  for (const auto& rule : sp.conditional) {
    const std::uint32_t act = to_scmp(rule.action, policy.user_notify);
    if (act == def) continue;
    auto expanded = expand(name, rule.args);
    if (!expanded) return std::unexpected(expanded.error());
    for (const auto& cmps : *expanded)
      if (auto r = add_rule(ctx, name, nr, act, cmps); !r) return r;
  }
  return {};
}

Result<std::vector<sock_filter>> export_program(void* ctx) {
  UniqueFd fd(memfd_create("tc-seccomp-bpf", MFD_CLOEXEC));
  if (!fd) return sys_error(Phase::security, "seccomp: memfd_create");
  if (int rc = seccomp_export_bpf(ctx, fd.get()); rc != 0)
    return sys_error(Phase::security, "seccomp: export BPF", -rc);
  const off_t size = lseek(fd.get(), 0, SEEK_END);
  if (size <= 0 || size % static_cast<off_t>(sizeof(sock_filter)) != 0)
    return make_error(Phase::security,
                      "seccomp: exported program has invalid size " + std::to_string(size));
  std::vector<sock_filter> prog(static_cast<std::size_t>(size) / sizeof(sock_filter));
  if (pread(fd.get(), prog.data(), static_cast<std::size_t>(size), 0) != size)
    return sys_error(Phase::security, "seccomp: read back BPF");
  if (prog.size() > BPF_MAXINSNS)
    return make_error(Phase::security, "seccomp: program has " + std::to_string(prog.size()) +
                                           " instructions (limit " + std::to_string(BPF_MAXINSNS) +
                                           ")");
  return prog;
}

}  // namespace

Result<CompiledFilter> compile_policy(const Policy& policy) {
  if (auto ranges = compile_ranges(policy))
    return CompiledFilter{std::move(*ranges), policy.user_notify};
  return compile_policy_libseccomp(policy);
}

Result<CompiledFilter> compile_policy_libseccomp(const Policy& policy) {
  const std::uint32_t def = to_scmp(policy.default_action, policy.user_notify);
  Ctx ctx(seccomp_init(def));
  if (!ctx) return make_error(Phase::security, "seccomp: seccomp_init failed");
  const std::uint32_t bad_arch = to_scmp(Action{ActionKind::violation, 0}, policy.user_notify);
  if (int rc = seccomp_attr_set(ctx.get(), SCMP_FLTATR_ACT_BADARCH, bad_arch); rc != 0)
    return sys_error(Phase::security, "seccomp: set bad-arch action", -rc);
  // Binary-tree dispatch: O(log n) syscall lookup instead of a linear chain.
  if (int rc = seccomp_attr_set(ctx.get(), SCMP_FLTATR_CTL_OPTIMIZE, 2); rc != 0)
    return sys_error(Phase::security, "seccomp: set optimize level", -rc);
  for (const auto& [name, sp] : policy.syscalls)
    if (auto r = add_syscall(ctx.get(), policy, name, sp, def); !r)
      return std::unexpected(r.error());
  auto prog = export_program(ctx.get());
  if (!prog) return std::unexpected(prog.error());
  bool notify = policy.user_notify;
  return CompiledFilter{std::move(*prog), notify};
}

}  // namespace tc::seccomp
