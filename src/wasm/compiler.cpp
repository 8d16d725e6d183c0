#include "wasm/compiler.hpp"

namespace tc::wasm {

namespace {
constexpr std::size_t kNone = ~std::size_t{0};

bool is_i32_compare(Op o) noexcept {
  return o == Op::i32_eq || o == Op::i32_ne || o == Op::i32_lt_s || o == Op::i32_lt_u ||
         o == Op::i32_gt_s || o == Op::i32_gt_u || o == Op::i32_le_s || o == Op::i32_le_u ||
         o == Op::i32_ge_s || o == Op::i32_ge_u || o == Op::i32_eqz || o == Op::i64_eqz;
}

Op fused_compare_branch(Op o) noexcept {
  switch (o) {
    case Op::i32_eq: return Op::i32_eq_br_if;
    case Op::i32_ne: return Op::i32_ne_br_if;
    case Op::i32_lt_s: return Op::i32_lt_s_br_if;
    case Op::i32_lt_u: return Op::i32_lt_u_br_if;
    case Op::i32_gt_s: return Op::i32_gt_s_br_if;
    case Op::i32_gt_u: return Op::i32_gt_u_br_if;
    case Op::i32_le_s: return Op::i32_le_s_br_if;
    case Op::i32_le_u: return Op::i32_le_u_br_if;
    case Op::i32_ge_s: return Op::i32_ge_s_br_if;
    case Op::i32_ge_u: return Op::i32_ge_u_br_if;
    case Op::i64_eqz: return Op::i64_eqz_br_if;
    default: return Op::i32_eqz_br_if;
  }
}

int fold_index(Op o) noexcept {
  for (std::size_t i = 0; i < std::size(kFoldable); ++i)
    if (kFoldable[i] == o) return static_cast<int>(i);
  return -1;
}
Op fold_variant(int index, int k) noexcept {
  return static_cast<Op>(kFoldBase + kFoldStride * index + k);
}
bool is_fold_variant(Op o, int& k) noexcept {
  const int v = static_cast<int>(o) - kFoldBase;
  if (v < 0 || v >= static_cast<int>(kFoldStride * std::size(kFoldable))) return false;
  k = v % kFoldStride;
  return true;
}

}  // namespace

void Compiler::begin(std::uint32_t num_params, std::uint32_t num_locals, std::uint32_t num_results) {
  code_.clear();
  targets_.clear();
  labels_.clear();
  num_params_ = num_params;
  num_locals_ = num_locals;
  num_results_ = num_results;
  op_count_ = 0;
  dead_ = false;
  npend_ = 0;
  barrier_ = 0;
  hist_[0] = hist_[1] = {kNone, Op::unreachable};
  straight_ = true;
  written_.assign(num_params + num_locals, false);
  Label fn;
  fn.height = num_params + num_locals;
  fn.arity = num_results;
  labels_.push_back(std::move(fn));
}

bool Compiler::last_is(Op o, int back) const noexcept {
  const Hist& h = hist_[back];
  return !dead_ && h.pos != kNone && h.op == o && h.pos >= barrier_;
}


void Compiler::local_get(std::uint32_t index) {
  if (dead_) return;
  if (npend_ == 2) flush_one();
  pend_[npend_++] = Pending{true, index};
}

void Compiler::constant(std::uint64_t bits) {
  if (dead_) return;
  if (npend_ == 2) flush_one();
  pend_[npend_++] = Pending{false, bits};
}

void Compiler::flush_one() {
  const Pending p = pend_[0];
  pend_[0] = pend_[1];
  --npend_;
  emit_op(p.local ? Op::local_get : Op::const_);
  code_.push_back(p.value);
}

void Compiler::flush() {
  while (npend_ > 0) flush_one();
}

void Compiler::load(Op o, std::uint32_t offset) {
  if (dead_) return;
  const int li = static_cast<int>(o) - static_cast<int>(Op::i32_load);
  const Op add_si = fold_variant(fold_index(Op::i32_add), 3);
  const Op add_li = fold_variant(fold_index(Op::i32_add), 1);
  if (npend_ == 0 && !dead_ && hist_[0].pos != kNone && hist_[0].pos >= barrier_) {
    const std::size_t p = hist_[0].pos;
    const Op shl_si = fold_variant(fold_index(Op::i32_shl), 3);
    const Op shl_li = fold_variant(fold_index(Op::i32_shl), 1);
    const Op xs = static_cast<Op>(kLoadV2Base + 4 * li), xl = static_cast<Op>(kLoadV2Base + 4 * li + 1);
    if (hist_[0].op == shl_si && code_.size() == p + 2) {  // [shl_si, k] -> [xs, k, 0, off]
      rewrite_last(xs);
      code_.push_back(0);
      code_.push_back(offset);
      return;
    }
    if (hist_[0].op == shl_li && code_.size() == p + 3) {  // [shl_li, x, k] -> [xl, x, k, 0, off]
      rewrite_last(xl);
      code_.push_back(0);
      code_.push_back(offset);
      return;
    }
    if (hist_[0].op == Op::i32_shl_add_si && code_.size() == p + 2) {  // [shl_add_si, k] -> [sx, k, off]
      rewrite_last(static_cast<Op>(kLoadSxBase + li));
      code_.push_back(offset);
      return;
    }
    const std::size_t q = hist_[1].pos;
    if (hist_[0].op == add_si && code_.size() == p + 2 && q != kNone && q >= barrier_) {
      if (hist_[1].op == shl_si && q + 2 == p) {  // [shl_si, k, add_si, c] -> [xs, k, c, off]
        code_[q] = reinterpret_cast<std::uint64_t>(handlers_[static_cast<int>(xs)]);
        code_[q + 2] = code_[p + 1];
        code_.resize(q + 3);
        code_.push_back(offset);
        hist_[0] = {q, xs};
        hist_[1] = {kNone, Op::unreachable};
        return;
      }
      if (hist_[1].op == shl_li && q + 3 == p) {  // [shl_li, x, k, add_si, c] -> [xl, x, k, c, off]
        code_[q] = reinterpret_cast<std::uint64_t>(handlers_[static_cast<int>(xl)]);
        code_[q + 3] = code_[p + 1];
        code_.resize(q + 4);
        code_.push_back(offset);
        hist_[0] = {q, xl};
        hist_[1] = {kNone, Op::unreachable};
        return;
      }
    }
    if (hist_[0].op == add_si && code_.size() == p + 2) {  // [add_si, c] -> [load_asi, c, off]
      const Op v = static_cast<Op>(kLoadAddBase + 2 * li);
      code_[p] = reinterpret_cast<std::uint64_t>(handlers_[static_cast<int>(v)]);
      hist_[0].op = v;
      code_.push_back(offset);
      return;
    }
    if (hist_[0].op == add_li && code_.size() == p + 3) {  // [add_li, x, c] -> [load_ali, x, c, off]
      const Op v = static_cast<Op>(kLoadAddBase + 2 * li + 1);
      code_[p] = reinterpret_cast<std::uint64_t>(handlers_[static_cast<int>(v)]);
      hist_[0].op = v;
      code_.push_back(offset);
      return;
    }
  }
  if (npend_ == 1 && pend_[0].local && last_is(Op::local_tee) && code_.size() == hist_[0].pos + 2 &&
      code_[hist_[0].pos + 1] == pend_[0].value) {  // [local_tee, x] -> [load_td, x, off]
    npend_ = 0;
    rewrite_last(static_cast<Op>(kLoadTdBase + li));
    code_.push_back(offset);
    return;
  }
  if (npend_ > 0 && pend_[npend_ - 1].local) {
    const std::uint64_t local = pend_[npend_ - 1].value;
    --npend_;
    if (npend_ == 1 && pend_[0].local) {  // local.get x; local.get y; load -> [x, y, off]
      npend_ = 0;
      const std::size_t p = hist_[0].pos;
      const Op add_ll_set = fold_variant(fold_index(Op::i32_add), 4);
      const Op add_li_set = fold_variant(fold_index(Op::i32_add), 5);
      const int ta = o == Op::i32_load ? 0 : o == Op::i64_load ? 2 : o == Op::f64_load ? 4 : -1;
      if (ta >= 0 && pend_[0].value == local && !dead_ && p != kNone && p >= barrier_ &&
          (hist_[0].op == add_ll_set || hist_[0].op == add_li_set) && code_.size() == p + 4 &&
          code_[p + 3] == local) {  // [add_?i_set, y, c, p] -> [load_tl?, y, c, p, off]
        rewrite_last(static_cast<Op>(static_cast<int>(Op::i32_load_tli) + ta + (hist_[0].op == add_ll_set)));
        code_.push_back(offset);
        return;
      }
      emit_op(static_cast<Op>(kLoadGlBase + li));
      code_.push_back(pend_[0].value);
      code_.push_back(local);
      code_.push_back(offset);
      return;
    }
    flush();
    emit_op(static_cast<Op>(kLoadLBase + (static_cast<int>(o) - static_cast<int>(Op::i32_load))));
    code_.push_back(local);
    code_.push_back(offset);
    return;
  }
  op_imm(o, offset);
}

void Compiler::store(Op o, std::uint32_t offset) {
  if (dead_) return;
  if (npend_ == 0) {
    if (o == Op::i32_store && last_is(Op::i32_add) && code_.size() == hist_[0].pos + 1) {
      rewrite_last(Op::i32_store_add);
      code_.push_back(offset);
      return;
    }
    if (o == Op::f64_store && (last_is(Op::f64_add) || last_is(Op::f64_sub)) && code_.size() == hist_[0].pos + 1) {
      rewrite_last(hist_[0].op == Op::f64_add ? Op::f64_store_add : Op::f64_store_sub);
      code_.push_back(offset);
      return;
    }
    if (o == Op::i32_store && last_is(Op::i32_mul_add_sl) && code_.size() == hist_[0].pos + 2) {
      rewrite_last(Op::i32_store_mul_add_sl);
      code_.push_back(offset);
      return;
    }
    op_imm(o, offset);
    return;
  }
  const int base = kStoreFoldBase + 4 * (static_cast<int>(o) - static_cast<int>(Op::i32_store));
  if (npend_ == 2 && pend_[0].local) {
    const Pending a = pend_[0], v = pend_[1];
    npend_ = 0;
    emit_op(static_cast<Op>(base + (v.local ? 2 : 3)));
    code_.push_back(a.value);
    code_.push_back(v.value);
    code_.push_back(offset);
    return;
  }
  if (npend_ == 2) flush_one();
  const Pending v = pend_[0];
  npend_ = 0;
  emit_op(static_cast<Op>(base + (v.local ? 0 : 1)));
  code_.push_back(v.value);
  code_.push_back(offset);
}

void Compiler::local_set(std::uint32_t index) {
  if (dead_) return;
  if (straight_ && index >= num_params_ && !written_[index] && npend_ > 0 && !pend_[npend_ - 1].local &&
      pend_[npend_ - 1].value == 0) {
    --npend_;  // a declared local still holds its entry zero: storing 0 again is a no-op
    return;
  }
  if (index < written_.size()) written_[index] = true;
  if (npend_ == 0 && last_is(Op::local_tee) && code_.size() == hist_[0].pos + 2) {
    rewrite_last(Op::local_set2);  // [x] -> [x, y]
    ++op_count_;
    code_.push_back(index);
    return;
  }
  op_imm(Op::local_set, index);
}

void Compiler::local_tee(std::uint32_t index) {
  if (dead_) return;
  if (index < written_.size()) written_[index] = true;
  int k = 0;
  if (npend_ == 0 && hist_[0].pos != kNone && hist_[0].pos >= barrier_ && is_fold_variant(hist_[0].op, k) &&
      k < 4 && code_.size() == hist_[0].pos + 1 + (k < 2 ? 2 : 1)) {
    // folded op + local.tee x  ==  folded op writing x (`_set`) + a deferred local.get x
    const Op v = static_cast<Op>(static_cast<int>(hist_[0].op) + 4);
    code_[hist_[0].pos] = reinterpret_cast<std::uint64_t>(handlers_[static_cast<int>(v)]);
    hist_[0].op = v;
    code_.push_back(index);
    local_get(index);
    return;
  }
  if (npend_ == 0 && !dead_ && hist_[0].pos != kNone && hist_[0].pos >= barrier_) {
    const int o = static_cast<int>(hist_[0].op);
    if (o >= kLoadLBase && o < kLoadLBase + 14 && code_.size() == hist_[0].pos + 3) {
      rewrite_last(static_cast<Op>(kLoadV2Base + 4 * (o - kLoadLBase) + 2));  // [x, off, dst]
      code_.push_back(index);
      return;
    }
    if (o >= kLoadAddBase && o < kLoadAddBase + 28 && (o - kLoadAddBase) % 2 == 0 &&
        code_.size() == hist_[0].pos + 3) {
      rewrite_last(static_cast<Op>(kLoadV2Base + 4 * ((o - kLoadAddBase) / 2) + 3));  // [c, off, dst]
      code_.push_back(index);
      return;
    }
  }
  if (npend_ == 0 && !dead_ && hist_[0].pos != kNone && hist_[0].pos >= barrier_ &&
      code_.size() == hist_[0].pos + 1) {
    static constexpr Op kBin[] = {Op::i32_add, Op::i32_xor, Op::i32_or, Op::i32_and, Op::i64_add,
                                  Op::i64_xor, Op::i64_or, Op::f64_add, Op::f64_sub, Op::f64_mul};
    for (std::size_t i = 0; i < std::size(kBin); ++i) {
      if (hist_[0].op != kBin[i]) continue;
      rewrite_last(static_cast<Op>(static_cast<int>(Op::i32_add_tee) + static_cast<int>(i)));
      code_.push_back(index);
      return;
    }
  }
  op_imm(Op::local_tee, index);
}

bool Compiler::try_fold(Op o) {
  const int fi = fold_index(o);
  if (fi < 0) return false;
  if (npend_ == 2 && !pend_[0].local) flush_one();
  if (npend_ == 2) {
    const Pending a = pend_[0], b = pend_[1];
    npend_ = 0;
    emit_op(fold_variant(fi, b.local ? 0 : 1));
    code_.push_back(a.value);
    code_.push_back(b.value);
    return true;
  }
  const Pending b = pend_[0];
  npend_ = 0;
  if (o == Op::f64_mul && b.local && last_is(fold_variant(fi, 0)) && code_.size() == hist_[0].pos + 3) {
    ++op_count_;
    rewrite_last(Op::f64_mul_lll);  // (local a * local b) * local c
    code_.push_back(b.value);
    return true;
  }
  emit_op(fold_variant(fi, b.local ? 2 : 3));
  code_.push_back(b.value);
  return true;
}

void Compiler::op(Op o) {
  if (dead_) return;
  if (npend_ > 0 && try_fold(o)) return;
  if (o == Op::local_set && npend_ > 0) {
    // local.get y / const c, then local.set x: one move; the following imm() appends x.
    if (npend_ == 2) flush_one();
    const Pending p = pend_[0];
    npend_ = 0;
    if (p.local) {
      emit_op(Op::local_copy);
      code_.push_back(p.value);
    } else {
      emit_op(Op::local_set_imm);
      pending_imm_after_ = true;
      pending_imm_ = p.value;
    }
    return;
  }
  flush();
  int k = 0;
  if (o == Op::local_set && hist_[0].pos != kNone && hist_[0].pos >= barrier_ &&
      is_fold_variant(hist_[0].op, k) && k < 4) {
    const Op v = static_cast<Op>(static_cast<int>(hist_[0].op) + 4);
    code_[hist_[0].pos] = reinterpret_cast<std::uint64_t>(handlers_[static_cast<int>(v)]);
    hist_[0].op = v;
    ++op_count_;
    return;  // the following imm() appends the destination local
  }
  emit_op(o);
}

void Compiler::emit_op(Op o) {
  ++op_count_;
  // Peephole fusion (the previous instruction(s) are rewritten in place).
  if (o == Op::local_get && last_is(Op::local_get)) {
    code_[hist_[0].pos] = reinterpret_cast<std::uint64_t>(handlers_[static_cast<int>(Op::local_get2)]);
    hist_[0].op = Op::local_get2;
    return;
  }
  if (o == Op::i32_add && code_.size() == hist_[0].pos + 2) {
    // a + (b << k), a + b * x, a + b * c: the shift/multiply's single immediate stays.
    const Op shl_si = fold_variant(fold_index(Op::i32_shl), 3);
    const Op mul_sl = fold_variant(fold_index(Op::i32_mul), 2);
    const Op mul_si = fold_variant(fold_index(Op::i32_mul), 3);
    if (last_is(shl_si)) { rewrite_last(Op::i32_shl_add_si); return; }
    if (last_is(mul_sl)) { rewrite_last(Op::i32_mul_add_sl); return; }
    if (last_is(mul_si)) { rewrite_last(Op::i32_mul_add_si); return; }
  }
  if (o == Op::i32_add && last_is(Op::const_)) {
    code_[hist_[0].pos] = reinterpret_cast<std::uint64_t>(handlers_[static_cast<int>(Op::i32_add_imm)]);
    hist_[0].op = Op::i32_add_imm;
    return;
  }
  if (o == Op::local_set && last_is(Op::i32_add_imm) && last_is(Op::local_get, 1) &&
      hist_[1].pos + 2 == hist_[0].pos) {
    const std::size_t p = hist_[1].pos;
    code_[p] = reinterpret_cast<std::uint64_t>(handlers_[static_cast<int>(Op::local_get_i32_add_imm_set)]);
    code_[p + 2] = code_[p + 3];
    code_.resize(p + 3);
    hist_[0] = {p, Op::local_get_i32_add_imm_set};
    hist_[1] = {kNone, Op::unreachable};
    return;
  }
  hist_[1] = hist_[0];
  hist_[0] = {code_.size(), o};
  code_.push_back(reinterpret_cast<std::uint64_t>(handlers_[static_cast<int>(o)]));
}

void Compiler::rewrite_last(Op o) {
  code_[hist_[0].pos] = reinterpret_cast<std::uint64_t>(handlers_[static_cast<int>(o)]);
  hist_[0].op = o;
}

void Compiler::imm(std::uint64_t v) {
  if (dead_) return;
  code_.push_back(v);
  if (pending_imm_after_) {  // local_set_imm: [dst, bits]
    pending_imm_after_ = false;
    code_.push_back(pending_imm_);
  }
}

void Compiler::block(bool loop, std::uint32_t label_height, std::uint32_t arity) {
  flush();
  Label l;
  l.loop = loop;
  l.entry_live = !dead_;
  l.height = label_height;
  l.arity = arity;
  if (loop) {
    place_label();
    l.start = code_.size();
    l.start_count = op_count_;
  }
  labels_.push_back(std::move(l));
}

void Compiler::if_(std::uint32_t label_height, std::uint32_t arity) {
  flush();
  Label l;
  l.entry_live = !dead_;
  l.height = label_height;
  l.arity = arity;
  if (!dead_) {
    op(Op::br_unless);
    l.else_fixup = code_.size();
    l.has_else_fixup = true;
    target_word(0);
  }
  labels_.push_back(std::move(l));
}

void Compiler::else_() {
  flush();
  Label& l = labels_.back();
  if (!dead_) {
    op(Op::br);
    l.fixups.push_back(code_.size());
    target_word(0);
  }
  place_label();
  if (l.has_else_fixup) patch(l.else_fixup, code_.size());
  l.has_else_fixup = false;
  dead_ = !l.entry_live;
}

void Compiler::end() {
  flush();
  Label& l = labels_.back();
  const bool reaches = !dead_ || !l.fixups.empty() || (l.has_else_fixup && l.entry_live);
  // The function's own end is a join point only if a branch targets it.
  if (labels_.size() > 1 || !l.fixups.empty() || l.has_else_fixup) place_label();
  if (!l.loop) {
    for (std::size_t w : l.fixups) patch(w, code_.size());
    if (l.has_else_fixup) patch(l.else_fixup, code_.size());
  }
  dead_ = !reaches;
  if (labels_.size() == 1) {
    emit_ret();
    dead_ = true;
  }
  labels_.pop_back();
}

void Compiler::emit_ret() {
  if (num_results_ == 0) op(Op::ret0);
  else if (num_results_ == 1 && npend_ == 0 && last_is(fold_variant(fold_index(Op::i32_add), 0)) &&
           code_.size() == hist_[0].pos + 3) {
    ++op_count_;
    rewrite_last(Op::ret1_i32_add_ll);  // return local a + local b
  } else if (num_results_ == 1) op(Op::ret1);
  else op_imm(Op::ret, num_results_);
}

void Compiler::branch(Label& l, std::uint32_t height, bool conditional) {
  const std::uint32_t n = l.arity;
  const bool move = height - n != l.height;
  int k = 0;
  if (conditional && !move && hist_[0].pos != kNone && hist_[0].pos >= barrier_ &&
      is_fold_variant(hist_[0].op, k) && k < 4 && code_.size() == hist_[0].pos + 1 + (k < 2 ? 2 : 1)) {
    // operator + br_if fused: the operator's result is the condition.
    const Op v = static_cast<Op>(static_cast<int>(hist_[0].op) + (l.loop ? 12 : 8));
    code_[hist_[0].pos] = reinterpret_cast<std::uint64_t>(handlers_[static_cast<int>(v)]);
    hist_[0].op = v;
    if (l.loop) {
      target_word(l.start);
      imm(op_count_ - l.start_count + 1);
      fuse_step_branch();
    } else {
      l.fixups.push_back(code_.size());
      target_word(0);
    }
    return;
  }
  if (l.loop) {
    const std::uint64_t cost = op_count_ - l.start_count + 1;
    op(conditional ? Op::br_if_loop : Op::br_loop);
    target_word(l.start);
    imm(cost);
    imm(l.height);
    imm(n);
    return;
  }
  if (conditional && !move) {
    if (!dead_ && hist_[0].pos != kNone && hist_[0].pos >= barrier_ && is_i32_compare(hist_[0].op) &&
        hist_[0].pos + 1 == code_.size()) {
      const Op f = fused_compare_branch(hist_[0].op);
      code_[hist_[0].pos] = reinterpret_cast<std::uint64_t>(handlers_[static_cast<int>(f)]);
      hist_[0].op = f;
    } else {
      op(Op::br_if);
    }
  } else {
    op(conditional ? (move ? Op::br_if_move : Op::br_if) : (move ? Op::br_move : Op::br));
  }
  l.fixups.push_back(code_.size());
  target_word(0);
  if (move) {
    imm(l.height);
    imm(n);
  }
}

void Compiler::fuse_step_branch() {
  // [add_li_set, y, c, x][cmp_li_brl, x, d, target, cost] -> [step_cmp, y, c, x, d, target, cost]
  const std::size_t q = hist_[1].pos, p = hist_[0].pos;
  const Op add_li_set = fold_variant(fold_index(Op::i32_add), 5);
  if (q == kNone || q < barrier_ || hist_[1].op != add_li_set || q + 4 != p || code_.size() != p + 5 ||
      code_[q + 3] != code_[p + 1])
    return;
  static constexpr Op kCmp[] = {Op::i32_ne, Op::i32_lt_s, Op::i32_lt_u, Op::i32_gt_s, Op::i32_gt_u,
                                Op::i32_le_s, Op::i32_le_u, Op::i32_ge_s, Op::i32_ge_u, Op::i32_eq};
  for (std::size_t i = 0; i < std::size(kCmp); ++i) {
    if (hist_[0].op != fold_variant(fold_index(kCmp[i]), 13)) continue;  // _li_brl
    const Op v = static_cast<Op>(static_cast<int>(Op::step_ne_brl) + static_cast<int>(i));
    code_[q] = reinterpret_cast<std::uint64_t>(handlers_[static_cast<int>(v)]);
    code_[q + 4] = code_[p + 2];
    code_[q + 5] = code_[p + 3];
    code_[q + 6] = code_[p + 4];
    code_.resize(q + 7);
    targets_.back() = q + 5;
    hist_[0] = {q, v};
    hist_[1] = {kNone, Op::unreachable};
    return;
  }
}

void Compiler::br(std::uint32_t depth, std::uint32_t height) {
  flush();
  if (!dead_) branch(labels_[labels_.size() - 1 - depth], height, false);
  dead_ = true;
}

void Compiler::br_if(std::uint32_t depth, std::uint32_t height) {
  flush();
  if (!dead_) branch(labels_[labels_.size() - 1 - depth], height, true);
}

void Compiler::br_table(std::span<const std::uint32_t> depths, std::uint32_t height) {
  flush();
  if (!dead_) {
    op_imm(Op::br_table, depths.size() - 1);
    for (std::uint32_t d : depths) {
      Label& l = labels_[labels_.size() - 1 - d];
      if (l.loop) {
        target_word(l.start);
        imm(l.height);
        imm(l.arity);
        imm(op_count_ - l.start_count + 1);
      } else {
        l.fixups.push_back(code_.size());
        target_word(0);
        imm(l.height);
        imm(l.arity);
        imm(0);
      }
    }
    (void)height;
  }
  dead_ = true;
}

void Compiler::ret(std::uint32_t height) {
  flush();
  (void)height;
  emit_ret();
  dead_ = true;
}

void Compiler::finish(std::uint32_t max_height, CompiledFunction& out) {
  CompiledFunction* f = &out;
  f->code = std::move(code_);
  code_ = {};
  for (std::size_t w : targets_) {
    f->code[w] = reinterpret_cast<std::uint64_t>(f->code.data() + f->code[w]);
  }
  f->num_params = num_params_;
  f->num_locals = num_locals_;
  f->num_results = num_results_;
  f->frame_cells = num_params_ + num_locals_ + max_height + 2;
}

}  // namespace tc::wasm
