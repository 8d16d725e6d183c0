#include "linux/seccomp/range_compiler.hpp"

#include <linux/audit.h>
#include <linux/seccomp.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>

#include "linux/seccomp/syscall_names.hpp"

namespace tc::seccomp {
namespace {

constexpr std::uint32_t kX32Bit = 0x40000000;
constexpr std::uint32_t kNrOffset = 0;
constexpr std::uint32_t kArchOffset = 4;
constexpr std::uint32_t arg_lo(unsigned i) {
  return 16 + 8 * i;
}
constexpr std::uint32_t arg_hi(unsigned i) {
  return 16 + 8 * i + 4;
}

std::uint32_t ret_value(const Action& a, bool user_notify) {
  switch (a.kind) {
    case ActionKind::allow:
      return SECCOMP_RET_ALLOW;
    case ActionKind::errno_code:
      return SECCOMP_RET_ERRNO | (static_cast<std::uint32_t>(a.err) & SECCOMP_RET_DATA);
    case ActionKind::violation:
      return user_notify ? SECCOMP_RET_USER_NOTIF : SECCOMP_RET_KILL_PROCESS;
    case ActionKind::kill_process:
      return SECCOMP_RET_KILL_PROCESS;
  }
  return SECCOMP_RET_KILL_PROCESS;
}

// What one syscall number does: a plain return value, or the index of its rule block.
struct Decision {
  bool conditional = false;
  std::uint32_t ret = 0;
  std::size_t block = 0;
  bool operator==(const Decision&) const = default;
};

// (argument & mask) == value on the full 64 bits, as a masked test.
struct Masked {
  unsigned index;
  std::uint64_t mask;
  std::uint64_t value;
  bool negated;
};

std::optional<Masked> as_masked(const ArgCondition& c) {
  switch (c.op) {
    case ArgOp::eq:
      return Masked{c.index, ~std::uint64_t{0}, c.value, false};
    case ArgOp::ne:
      return Masked{c.index, ~std::uint64_t{0}, c.value, true};
    case ArgOp::masked_eq:
      return Masked{c.index, c.mask, c.value & c.mask, false};
    case ArgOp::masked_ne:
      return Masked{c.index, c.mask, c.value & c.mask, true};
    default:
      return std::nullopt;
  }
}

// Two rules can never both match: some pair of their conditions tests the same masked
// argument for two different values, or for one value once equal and once not.
bool disjoint(const std::vector<Masked>& a, const std::vector<Masked>& b) {
  for (const Masked& x : a)
    for (const Masked& y : b) {
      if (x.index != y.index || x.mask != y.mask) continue;
      if (!x.negated && !y.negated && x.value != y.value) return true;
      if (x.negated != y.negated && x.value == y.value) return true;
    }
  return false;
}

struct Rule {
  std::uint32_t ret;
  std::vector<Masked> conds;
};

// A program under construction: instructions plus forward jumps to labels.
class Emitter {
 public:
  using Label = std::size_t;
  Label new_label() {
    labels_.push_back(kUnbound);
    return labels_.size() - 1;
  }
  void bind(Label l) { labels_[l] = code_.size(); }
  void stmt(std::uint16_t code, std::uint32_t k) { code_.push_back(BPF_STMT(code, k)); }
  // Conditional jump on A: to `t` when true, `f` when false (either may be "next").
  void jump(std::uint16_t op, std::uint32_t k, std::optional<Label> t, std::optional<Label> f) {
    fixups_.push_back({code_.size(), t, f});
    code_.push_back(BPF_JUMP(BPF_JMP | op | BPF_K, k, 0, 0));
  }
  // Unconditional jump (32-bit offset).
  void go(Label to) {
    gotos_.push_back({code_.size(), to, std::nullopt});
    code_.push_back(BPF_STMT(BPF_JMP | BPF_JA, 0));
  }
  std::optional<std::vector<sock_filter>> finish() {
    for (const Fixup& g : gotos_) {
      const std::size_t to = labels_[*g.t];
      if (to == kUnbound || to <= g.at) return std::nullopt;
      code_[g.at].k = static_cast<std::uint32_t>(to - g.at - 1);
    }
    for (const Fixup& f : fixups_) {
      for (auto [target, field] :
           {std::pair{f.t, &sock_filter::jt}, std::pair{f.f, &sock_filter::jf}}) {
        if (!target) continue;
        const std::size_t to = labels_[*target];
        if (to == kUnbound || to <= f.at || to - f.at - 1 > 255) return std::nullopt;
        code_[f.at].*field = static_cast<std::uint8_t>(to - f.at - 1);
      }
    }
    if (code_.size() > BPF_MAXINSNS) return std::nullopt;
    return std::move(code_);
  }

 private:
  static constexpr std::size_t kUnbound = ~std::size_t{0};
  struct Fixup {
    std::size_t at;
    std::optional<Label> t, f;
  };
  std::vector<sock_filter> code_;
  std::vector<std::size_t> labels_;
  std::vector<Fixup> fixups_;
  std::vector<Fixup> gotos_;
};

// One masked test; jumps to `fail` when the condition does not hold, falls through when it
// does. A (the accumulator) is clobbered. The high word is tested first (skipped when the
// mask has no high bits); a negated test holds as soon as either word differs.
void emit_condition(Emitter& e, const Masked& m, Emitter::Label fail) {
  auto load = [&e](std::uint32_t offset, std::uint32_t mask) {
    e.stmt(BPF_LD | BPF_W | BPF_ABS, offset);
    if (mask != 0xffffffffU) e.stmt(BPF_ALU | BPF_AND | BPF_K, mask);
  };
  const auto hi_mask = static_cast<std::uint32_t>(m.mask >> 32);
  const auto pass = e.new_label();
  if (hi_mask != 0) {
    load(arg_hi(m.index), hi_mask);
    e.jump(BPF_JEQ, static_cast<std::uint32_t>(m.value >> 32), std::nullopt,
           m.negated ? pass : fail);
  }
  load(arg_lo(m.index), static_cast<std::uint32_t>(m.mask));
  const auto lo_val = static_cast<std::uint32_t>(m.value);
  if (m.negated)
    e.jump(BPF_JEQ, lo_val, fail, std::nullopt);
  else
    e.jump(BPF_JEQ, lo_val, std::nullopt, fail);
  e.bind(pass);
}

struct Run {
  std::uint32_t first;  // first syscall number of the run
  Decision decision;
};

}  // namespace

std::optional<std::vector<sock_filter>> compile_ranges(const Policy& policy) {
  const std::uint32_t violation = ret_value(Action{ActionKind::violation, 0}, policy.user_notify);
  const std::uint32_t fallback = ret_value(policy.default_action, policy.user_notify);
  std::map<std::uint32_t, Decision> by_nr;
  std::vector<std::vector<Rule>> blocks;
  for (const auto& [name, sp] : policy.syscalls) {
    const SyscallLookup lk = lookup_syscall(name);
    if (!lk.known) return std::nullopt;
    if (!lk.native_number) continue;  // not a syscall of this ABI
    const auto nr = static_cast<std::uint32_t>(*lk.native_number);
    if (sp.unconditional) {
      by_nr[nr] = Decision{false, ret_value(*sp.unconditional, policy.user_notify), 0};
      continue;
    }
    std::vector<Rule> rules;
    for (const auto& rule : sp.conditional) {
      Rule r{ret_value(rule.action, policy.user_notify), {}};
      if (r.ret == fallback) continue;  // changes nothing (libseccomp drops it too)
      for (const auto& c : rule.args) {
        auto m = as_masked(c);
        if (!m || m->index > 5) return std::nullopt;
        // libseccomp refuses two comparisons of one argument in a rule: so do we (the
        // fallback then reports its error), rather than accept what it would not.
        for (const Masked& seen : r.conds)
          if (seen.index == m->index) return std::nullopt;
        r.conds.push_back(*m);
      }
      rules.push_back(std::move(r));
    }
    for (std::size_t i = 0; i < rules.size(); ++i)
      for (std::size_t j = i + 1; j < rules.size(); ++j)
        if (rules[i].ret != rules[j].ret && !disjoint(rules[i].conds, rules[j].conds))
          return std::nullopt;
    if (rules.empty()) continue;
    by_nr[nr] = Decision{true, 0, blocks.size()};
    blocks.push_back(std::move(rules));
  }
  // Runs over [0, kX32Bit): numbers without a rule take the default action.
  std::vector<Run> runs;
  auto add = [&runs](std::uint32_t first, const Decision& d) {
    if (runs.empty() || !(runs.back().decision == d)) runs.push_back(Run{first, d});
  };
  const Decision def{false, fallback, 0};
  std::uint32_t next = 0;
  for (const auto& [nr, d] : by_nr) {
    if (nr >= kX32Bit) return std::nullopt;
    if (nr > next) add(next, def);
    add(nr, d);
    next = nr + 1;
  }
  if (next < kX32Bit) add(next, def);

  Emitter e;
  std::vector<Emitter::Label> block_labels;
  for (std::size_t i = 0; i < blocks.size(); ++i) block_labels.push_back(e.new_label());
  // Another ABI (i386, or x32 through the 0x40000000 bit): the violation action.
  const auto native = e.new_label();
  const auto not_x32 = e.new_label();
  e.stmt(BPF_LD | BPF_W | BPF_ABS, kArchOffset);
  e.jump(BPF_JEQ, AUDIT_ARCH_X86_64, native, std::nullopt);
  e.stmt(BPF_RET | BPF_K, violation);
  e.bind(native);
  // ... except -1, which a tracer uses to skip a syscall: libseccomp treats it as a native
  // number without a rule.
  const auto minus_one = e.new_label();
  e.stmt(BPF_LD | BPF_W | BPF_ABS, kNrOffset);
  e.jump(BPF_JGE, kX32Bit, std::nullopt, not_x32);
  e.jump(BPF_JEQ, 0xffffffffU, minus_one, std::nullopt);
  e.stmt(BPF_RET | BPF_K, violation);
  e.bind(minus_one);
  e.stmt(BPF_RET | BPF_K, fallback);
  e.bind(not_x32);
  // Balanced binary search over the runs; A holds the number throughout. The last test on
  // a path jumps straight to a shared return (or a rule block), so a run costs about one
  // instruction.
  std::map<std::uint32_t, Emitter::Label> rets;
  auto target = [&](const Decision& d) {
    if (d.conditional) return block_labels[d.block];
    auto it = rets.find(d.ret);
    if (it == rets.end()) it = rets.emplace(d.ret, e.new_label()).first;
    return it->second;
  };
  auto tree = [&](auto&& self, std::size_t lo, std::size_t hi) -> void {
    if (hi - lo == 1) {
      e.go(target(runs[lo].decision));
      return;
    }
    if (hi - lo == 2) {
      e.jump(BPF_JGE, runs[lo + 1].first, target(runs[lo + 1].decision), target(runs[lo].decision));
      return;
    }
    const std::size_t mid = (lo + hi) / 2;
    const auto right = e.new_label();
    e.jump(BPF_JGE, runs[mid].first, right, std::nullopt);
    self(self, lo, mid);
    e.bind(right);
    self(self, mid, hi);
  };
  tree(tree, 0, runs.size());
  for (const auto& [value, label] : rets) {
    e.bind(label);
    e.stmt(BPF_RET | BPF_K, value);
  }
  // Rule blocks: the first rule whose conditions all hold gives its action (the rules of
  // different actions are disjoint, so the order is immaterial); none: the default.
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    e.bind(block_labels[b]);
    for (const Rule& r : blocks[b]) {
      const auto next_rule = e.new_label();
      for (const Masked& m : r.conds) emit_condition(e, m, next_rule);
      e.stmt(BPF_RET | BPF_K, r.ret);
      e.bind(next_rule);
    }
    e.stmt(BPF_RET | BPF_K, fallback);
  }
  return e.finish();
}

}  // namespace tc::seccomp
