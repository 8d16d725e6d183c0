#include "wasm/function_validator.hpp"

#include <string>
#include <vector>

#include "wasm/byte_reader.hpp"
#include "wasm/compiler.hpp"
#include "wasm/decoder.hpp"

namespace tc::wasm {
namespace {

constexpr ValType kUnknown = static_cast<ValType>(0);
constexpr ValType I32 = ValType::i32, I64 = ValType::i64, F32 = ValType::f32, F64 = ValType::f64;

// One-element result arrays for single-valtype block types.
constexpr ValType kSingle[] = {ValType::i32, ValType::i64, ValType::f32, ValType::f64,
                               ValType::funcref, ValType::externref};

struct Sig {  // a numeric instruction's signature: [a b?] -> [out]
  ValType a, b, out;
};

Sig numeric_sig(std::uint8_t op) noexcept {
  const ValType N = kUnknown;
  if (op == 0x45) return {I32, N, I32};
  if (op <= 0x4F) return {I32, I32, I32};
  if (op == 0x50) return {I64, N, I32};
  if (op <= 0x5A) return {I64, I64, I32};
  if (op <= 0x60) return {F32, F32, I32};
  if (op <= 0x66) return {F64, F64, I32};
  if (op <= 0x69) return {I32, N, I32};
  if (op <= 0x78) return {I32, I32, I32};
  if (op <= 0x7B) return {I64, N, I64};
  if (op <= 0x8A) return {I64, I64, I64};
  if (op <= 0x91) return {F32, N, F32};
  if (op <= 0x98) return {F32, F32, F32};
  if (op <= 0x9F) return {F64, N, F64};
  if (op <= 0xA6) return {F64, F64, F64};
  static constexpr Sig conv[] = {
      {I64, N, I32}, {F32, N, I32}, {F32, N, I32}, {F64, N, I32}, {F64, N, I32},  // A7-AB
      {I32, N, I64}, {I32, N, I64}, {F32, N, I64}, {F32, N, I64}, {F64, N, I64},  // AC-B0
      {F64, N, I64}, {I32, N, F32}, {I32, N, F32}, {I64, N, F32}, {I64, N, F32},  // B1-B5
      {F64, N, F32}, {I32, N, F64}, {I32, N, F64}, {I64, N, F64}, {I64, N, F64},  // B6-BA
      {F32, N, F64}, {F32, N, I32}, {F64, N, I64}, {I32, N, F32}, {I64, N, F64},  // BB-BF
      {I32, N, I32}, {I32, N, I32}, {I64, N, I64}, {I64, N, I64}, {I64, N, I64},  // C0-C4
  };
  return conv[op - 0xA7];
}

class FunctionValidator {
 public:
  FunctionValidator(const Module& m, std::uint32_t func_index, std::span<const std::uint8_t> code,
                    const Limits& limits, Compiler& c)
      : m_(m), type_(m.func_type(func_index)), r_(code.data(), code.data() + code.size()),
        limits_(limits), c_(c) {
    const FunctionBody& body = m.bodies[func_index - m.num_imported_funcs];
    locals_ = type_.params;
    locals_.insert(locals_.end(), body.locals.begin(), body.locals.end());
    num_declared_ = static_cast<std::uint32_t>(body.locals.size());
  }

  Result<void> run(CompiledFunction& out);

 private:
  struct Ctrl {
    std::uint8_t opcode;
    const ValType* params;
    std::uint32_t np;
    const ValType* results;
    std::uint32_t nr;
    std::uint32_t height;
    bool unreachable;
  };

  // --- the appendix algorithm ---
  void push(ValType t) {
    vals_.push_back(t);
    if (vals_.size() > max_vals_) max_vals_ = static_cast<std::uint32_t>(vals_.size());
  }
  ValType pop() {
    const Ctrl& c = ctrls_.back();
    if (vals_.size() == c.height) {
      if (c.unreachable) return kUnknown;
      invalid("type mismatch: operand stack underflow");
      return kUnknown;
    }
    const ValType t = vals_.back();
    vals_.pop_back();
    return t;
  }
  ValType pop(ValType expect) {
    const ValType actual = pop();
    if (actual != expect && actual != kUnknown && expect != kUnknown) invalid("type mismatch");
    return actual;
  }
  void pop_vals(const ValType* ts, std::uint32_t n) {
    for (std::uint32_t i = n; i-- > 0;) pop(ts[i]);
  }
  void push_vals(const ValType* ts, std::uint32_t n) {
    for (std::uint32_t i = 0; i < n; ++i) push(ts[i]);
  }
  void push_ctrl(std::uint8_t opcode, const ValType* p, std::uint32_t np, const ValType* rs, std::uint32_t nr) {
    ctrls_.push_back(Ctrl{opcode, p, np, rs, nr, static_cast<std::uint32_t>(vals_.size()), false});
    push_vals(p, np);
  }
  Ctrl pop_ctrl() {
    const Ctrl c = ctrls_.back();
    pop_vals(c.results, c.nr);
    if (vals_.size() != c.height) invalid("type mismatch: values remaining on stack at end of block");
    ctrls_.pop_back();
    return c;
  }
  void label_types(const Ctrl& c, const ValType*& ts, std::uint32_t& n) const {
    if (c.opcode == 0x03) { ts = c.params; n = c.np; } else { ts = c.results; n = c.nr; }
  }
  void set_unreachable() {
    vals_.resize(ctrls_.back().height);
    ctrls_.back().unreachable = true;
    c_.unreachable_after();
  }
  [[nodiscard]] std::uint32_t height() const noexcept {
    return static_cast<std::uint32_t>(locals_.size() + vals_.size());
  }

  // --- helpers ---
  void invalid(const char* msg) {
    if (!err_) { err_ = msg; phase_ = Phase::validate; }
  }
  bool failed() const noexcept { return err_ != nullptr || !r_.ok(); }
  bool block_type(const ValType*& p, std::uint32_t& np, const ValType*& rs, std::uint32_t& nr);
  std::uint32_t label_index() {
    const std::uint32_t l = r_.u32();
    if (r_.ok() && l >= ctrls_.size()) invalid("unknown label");
    return l;
  }
  void memarg(std::uint32_t natural, ValType addr_t, Op op, ValType pop_t, ValType push_t, bool store);
  void need_memory() { if (m_.memories.empty()) invalid("unknown memory 0"); }
  const TableType* table(std::uint32_t idx) {
    if (idx >= m_.tables.size()) { invalid("unknown table"); return nullptr; }
    return &m_.tables[idx];
  }
  void zero_byte() {
    const std::uint8_t b = r_.u8();
    if (r_.ok() && b != 0) r_.fail("zero byte expected");
  }
  void instruction(std::uint8_t op);
  void prefixed();

  const Module& m_;
  const FuncType& type_;
  ByteReader r_;
  const Limits& limits_;
  Compiler& c_;
  std::vector<ValType> locals_;
  std::uint32_t num_declared_ = 0;
  std::vector<ValType> vals_;
  std::vector<Ctrl> ctrls_;
  std::vector<std::uint32_t> depths_;
  std::uint32_t max_vals_ = 0;
  const char* err_ = nullptr;
  Phase phase_ = Phase::validate;
};

bool FunctionValidator::block_type(const ValType*& p, std::uint32_t& np, const ValType*& rs, std::uint32_t& nr) {
  p = nullptr; np = 0; rs = nullptr; nr = 0;
  if (r_.at_end()) { r_.fail("unexpected end"); return false; }
  const std::uint8_t b = *r_.pos();
  if (b == 0x40) { r_.u8(); return true; }
  const char* e = nullptr;
  ValType t;
  if ((b & 0xC0) == 0x40) {  // one-byte negative s33: a value type
    r_.u8();
    if (!decode_valtype(b, t, &e)) { r_.fail(e); return false; }
    for (const ValType& s : kSingle) if (s == t) rs = &s;
    nr = 1;
    return true;
  }
  const std::int64_t idx = r_.s33();
  if (!r_.ok()) return false;
  if (idx < 0 || static_cast<std::uint64_t>(idx) >= m_.types.size()) { invalid("unknown type"); return false; }
  const FuncType& ft = m_.types[static_cast<std::size_t>(idx)];
  p = ft.params.data(); np = static_cast<std::uint32_t>(ft.params.size());
  rs = ft.results.data(); nr = static_cast<std::uint32_t>(ft.results.size());
  return true;
}

void FunctionValidator::memarg(std::uint32_t natural, ValType addr_t, Op op, ValType val_t, ValType push_t, bool store) {
  const std::uint32_t align = r_.u32();
  const std::uint32_t offset = r_.u32();
  if (!r_.ok()) return;
  need_memory();
  if (align > natural) invalid("alignment must not be larger than natural");
  if (store) { pop(val_t); pop(addr_t); c_.store(op, offset); }
  else { pop(addr_t); push(push_t); c_.load(op, offset); }
}

void FunctionValidator::prefixed() {
  const std::uint32_t sub = r_.u32();
  if (!r_.ok()) return;
  if (sub <= 7) {
    static constexpr ValType in[8] = {F32, F32, F64, F64, F32, F32, F64, F64};
    pop(in[sub]);
    push(sub < 4 ? I32 : I64);
    c_.op(static_cast<Op>(kSatBase + sub));
    return;
  }
  switch (sub) {
    case 8: {  // memory.init
      const std::uint32_t seg = r_.u32();
      zero_byte();
      if (!r_.ok()) return;
      if (!m_.data_count) { r_.fail("data count section required"); return; }
      need_memory();
      if (seg >= *m_.data_count) invalid("unknown data segment");
      pop(I32); pop(I32); pop(I32);
      c_.op_imm(Op::memory_init, seg);
      return;
    }
    case 9: {
      const std::uint32_t seg = r_.u32();
      if (!r_.ok()) return;
      if (!m_.data_count) { r_.fail("data count section required"); return; }
      if (seg >= *m_.data_count) invalid("unknown data segment");
      c_.op_imm(Op::data_drop, seg);
      return;
    }
    case 10:
      zero_byte(); zero_byte();
      need_memory();
      pop(I32); pop(I32); pop(I32);
      c_.op(Op::memory_copy);
      return;
    case 11:
      zero_byte();
      need_memory();
      pop(I32); pop(I32); pop(I32);
      c_.op(Op::memory_fill);
      return;
    case 12: {  // table.init elem table
      const std::uint32_t seg = r_.u32();
      const std::uint32_t t = r_.u32();
      if (!r_.ok()) return;
      const TableType* tt = table(t);
      if (seg >= m_.elems.size()) { invalid("unknown elem segment"); return; }
      if (tt && tt->elem != m_.elems[seg].type) invalid("type mismatch");
      pop(I32); pop(I32); pop(I32);
      c_.op(Op::table_init); c_.imm(seg); c_.imm(t);
      return;
    }
    case 13: {
      const std::uint32_t seg = r_.u32();
      if (r_.ok() && seg >= m_.elems.size()) invalid("unknown elem segment");
      c_.op_imm(Op::elem_drop, seg);
      return;
    }
    case 14: {  // table.copy dst src
      const std::uint32_t d = r_.u32();
      const std::uint32_t s = r_.u32();
      if (!r_.ok()) return;
      const TableType* td = table(d);
      const TableType* ts = table(s);
      if (td && ts && td->elem != ts->elem) invalid("type mismatch");
      pop(I32); pop(I32); pop(I32);
      c_.op(Op::table_copy); c_.imm(d); c_.imm(s);
      return;
    }
    case 15: case 16: case 17: {
      const std::uint32_t t = r_.u32();
      if (!r_.ok()) return;
      const TableType* tt = table(t);
      if (!tt) return;
      if (sub == 15) { pop(I32); pop(tt->elem); push(I32); c_.op_imm(Op::table_grow, t); }
      else if (sub == 16) { push(I32); c_.op_imm(Op::table_size, t); }
      else { pop(I32); pop(tt->elem); pop(I32); c_.op_imm(Op::table_fill, t); }
      return;
    }
    default:
      r_.fail("illegal opcode");
  }
}

void FunctionValidator::instruction(std::uint8_t op) {
  switch (op) {
    case 0x00: c_.op(Op::unreachable); set_unreachable(); return;
    case 0x01: return;
    case 0x02: case 0x03: case 0x04: {
      const ValType *p, *rs;
      std::uint32_t np, nr;
      if (!block_type(p, np, rs, nr)) return;
      if (op == 0x04) pop(I32);
      pop_vals(p, np);
      const std::uint32_t h = height();
      push_ctrl(op, p, np, rs, nr);
      if (ctrls_.size() > limits_.max_nesting_depth) { invalid("nesting too deep"); return; }
      if (op == 0x04) c_.if_(h, nr);
      else c_.block(op == 0x03, h, op == 0x03 ? np : nr);
      return;
    }
    case 0x05: {
      if (ctrls_.back().opcode != 0x04) { invalid("else without if"); return; }
      const Ctrl c = pop_ctrl();
      push_ctrl(0x05, c.params, c.np, c.results, c.nr);
      c_.else_();
      return;
    }
    case 0x0B: {
      const Ctrl c = pop_ctrl();
      if (c.opcode == 0x04) {  // if without else: [t1*] -> [t1*] required
        bool same = c.np == c.nr;
        for (std::uint32_t i = 0; same && i < c.np; ++i) same = c.params[i] == c.results[i];
        if (!same) invalid("type mismatch: if without else");
      }
      if (!ctrls_.empty()) push_vals(c.results, c.nr);
      c_.end();
      return;
    }
    case 0x0C: {
      const std::uint32_t l = label_index();
      if (failed()) return;
      const ValType* ts; std::uint32_t n;
      label_types(ctrls_[ctrls_.size() - 1 - l], ts, n);
      c_.br(l, height());
      pop_vals(ts, n);
      set_unreachable();
      return;
    }
    case 0x0D: {
      const std::uint32_t l = label_index();
      if (failed()) return;
      pop(I32);
      const ValType* ts; std::uint32_t n;
      label_types(ctrls_[ctrls_.size() - 1 - l], ts, n);
      c_.br_if(l, height());
      pop_vals(ts, n);
      push_vals(ts, n);
      return;
    }
    case 0x0E: {
      const std::uint32_t count = r_.count();
      depths_.clear();
      for (std::uint32_t i = 0; i <= count && !failed(); ++i) depths_.push_back(label_index());
      if (failed()) return;
      pop(I32);
      const std::uint32_t h = height();
      const ValType* dts; std::uint32_t arity;
      label_types(ctrls_[ctrls_.size() - 1 - depths_.back()], dts, arity);
      for (std::uint32_t i = 0; i < count; ++i) {
        const ValType* ts; std::uint32_t n;
        label_types(ctrls_[ctrls_.size() - 1 - depths_[i]], ts, n);
        if (n != arity) { invalid("type mismatch: br_table arity"); return; }
        // push_vals(pop_vals(ts)) keeping the popped types
        std::vector<ValType> popped(n);
        for (std::uint32_t k = n; k-- > 0;) popped[k] = pop(ts[k]);
        for (ValType t : popped) push(t);
      }
      c_.br_table(depths_, h);
      pop_vals(dts, arity);
      set_unreachable();
      return;
    }
    case 0x0F:
      c_.ret(height());
      pop_vals(type_.results.data(), static_cast<std::uint32_t>(type_.results.size()));
      set_unreachable();
      return;
    case 0x10: {
      const std::uint32_t f = r_.u32();
      if (!r_.ok()) return;
      if (f >= m_.funcs.size()) { invalid("unknown function"); return; }
      const FuncType& ft = m_.func_type(f);
      pop_vals(ft.params.data(), static_cast<std::uint32_t>(ft.params.size()));
      push_vals(ft.results.data(), static_cast<std::uint32_t>(ft.results.size()));
      if (f >= m_.num_imported_funcs)
        c_.op_imm(Op::call_internal, reinterpret_cast<std::uintptr_t>(m_.code[f - m_.num_imported_funcs].get()));
      else
        c_.op_imm(Op::call, f);
      return;
    }
    case 0x11: {
      const std::uint32_t ti = r_.u32();
      const std::uint32_t t = r_.u32();
      if (!r_.ok()) return;
      const TableType* tt = table(t);
      if (ti >= m_.types.size()) { invalid("unknown type"); return; }
      if (tt && tt->elem != ValType::funcref) invalid("type mismatch: call_indirect on externref table");
      pop(I32);
      const FuncType& ft = m_.types[ti];
      pop_vals(ft.params.data(), static_cast<std::uint32_t>(ft.params.size()));
      push_vals(ft.results.data(), static_cast<std::uint32_t>(ft.results.size()));
      c_.op(Op::call_indirect); c_.imm(ti); c_.imm(t);
      return;
    }
    case 0x1A: pop(); c_.op(Op::drop); return;
    case 0x1B: case 0x1C: {
      ValType t = kUnknown;
      if (op == 0x1C) {
        const std::uint32_t n = r_.u32();
        if (r_.ok() && n != 1) { invalid("invalid result arity"); return; }
        const char* e = nullptr;
        const std::uint8_t b = r_.u8();
        if (!r_.ok()) return;
        if (!decode_valtype(b, t, &e)) { r_.fail(e); return; }
      }
      pop(I32);
      ValType t1 = pop(t);
      ValType t2 = pop(t);
      if (op == 0x1B) {
        if ((t1 != kUnknown && !is_num(t1)) || (t2 != kUnknown && !is_num(t2))) { invalid("type mismatch: select needs numeric operands"); return; }
        if (t1 != kUnknown && t2 != kUnknown && t1 != t2) { invalid("type mismatch"); return; }
        t = t1 == kUnknown ? t2 : t1;
      }
      push(t);
      c_.op(Op::select);
      return;
    }
    case 0x20: case 0x21: case 0x22: {
      const std::uint32_t x = r_.u32();
      if (!r_.ok()) return;
      if (x >= locals_.size()) { invalid("unknown local"); return; }
      const ValType t = locals_[x];
      if (op == 0x20) { push(t); c_.local_get(x); }
      else if (op == 0x21) { pop(t); c_.local_set(x); }
      else { pop(t); push(t); c_.local_tee(x); }
      return;
    }
    case 0x23: case 0x24: {
      const std::uint32_t x = r_.u32();
      if (!r_.ok()) return;
      if (x >= m_.globals.size()) { invalid("unknown global"); return; }
      const GlobalType& g = m_.globals[x];
      if (op == 0x23) { push(g.type); c_.op_imm(Op::global_get, x); }
      else {
        if (!g.mut) { invalid("global is immutable"); return; }
        pop(g.type);
        c_.op_imm(Op::global_set, x);
      }
      return;
    }
    case 0x25: case 0x26: {
      const std::uint32_t x = r_.u32();
      if (!r_.ok()) return;
      const TableType* tt = table(x);
      if (!tt) return;
      if (op == 0x25) { pop(I32); push(tt->elem); c_.op_imm(Op::table_get, x); }
      else { pop(tt->elem); pop(I32); c_.op_imm(Op::table_set, x); }
      return;
    }
    case 0x3F: case 0x40:
      zero_byte();
      need_memory();
      if (op == 0x40) pop(I32);
      push(I32);
      c_.op(op == 0x3F ? Op::memory_size : Op::memory_grow);
      return;
    case 0x41: push(I32); c_.constant(static_cast<std::uint32_t>(r_.s32())); return;
    case 0x42: push(I64); c_.constant(static_cast<std::uint64_t>(r_.s64())); return;
    case 0x43: push(F32); c_.constant(r_.fixed32()); return;
    case 0x44: push(F64); c_.constant(r_.fixed64()); return;
    case 0xD0: {
      const std::uint8_t b = r_.u8();
      if (!r_.ok()) return;
      if (b != 0x70 && b != 0x6F) { r_.fail("malformed reference type"); return; }
      push(static_cast<ValType>(b));
      c_.constant(0);
      return;
    }
    case 0xD1: {
      const ValType t = pop();
      if (t != kUnknown && !is_ref(t)) { invalid("type mismatch: ref.is_null needs a reference"); return; }
      push(I32);
      c_.op(Op::ref_is_null);
      return;
    }
    case 0xD2: {
      const std::uint32_t f = r_.u32();
      if (!r_.ok()) return;
      if (f >= m_.funcs.size()) { invalid("unknown function"); return; }
      if (!m_.declared_refs[f]) { invalid("undeclared function reference"); return; }
      push(ValType::funcref);
      c_.op_imm(Op::ref_func, f);
      return;
    }
    case 0xFC: prefixed(); return;
    case 0xFD: r_.fail("SIMD (v128) instructions are not supported by this engine"); return;
    default: break;
  }
  if (op >= 0x28 && op <= 0x35) {
    static constexpr std::uint8_t nat[] = {2, 3, 2, 3, 0, 0, 1, 1, 0, 0, 1, 1, 2, 2};
    static constexpr ValType res[] = {I32, I64, F32, F64, I32, I32, I32, I32, I64, I64, I64, I64, I64, I64};
    const int k = op - 0x28;
    memarg(nat[k], I32, static_cast<Op>(static_cast<int>(Op::i32_load) + k), kUnknown, res[k], false);
    return;
  }
  if (op >= 0x36 && op <= 0x3E) {
    static constexpr std::uint8_t nat[] = {2, 3, 2, 3, 0, 1, 0, 1, 2};
    static constexpr ValType vt[] = {I32, I64, F32, F64, I32, I32, I64, I64, I64};
    const int k = op - 0x36;
    memarg(nat[k], I32, static_cast<Op>(static_cast<int>(Op::i32_store) + k), vt[k], kUnknown, true);
    return;
  }
  if (op >= 0x45 && op <= 0xC4) {
    const Sig s = numeric_sig(op);
    if (s.b != kUnknown) pop(s.b);
    pop(s.a);
    push(s.out);
    c_.op(static_cast<Op>(kNumericBase + (op - 0x45)));
    return;
  }
  r_.fail("illegal opcode");
}

Result<void> FunctionValidator::run(CompiledFunction& out) {
  c_.begin(static_cast<std::uint32_t>(type_.params.size()), num_declared_,
           static_cast<std::uint32_t>(type_.results.size()));
  ctrls_.push_back(Ctrl{0x02, nullptr, 0, type_.results.data(),
                        static_cast<std::uint32_t>(type_.results.size()), 0, false});
  while (!ctrls_.empty()) {
    if (r_.at_end()) { r_.fail("unexpected end of section or function"); break; }
    const std::uint8_t op = r_.u8();
    instruction(op);
    if (failed()) break;
  }
  if (!r_.ok()) return make_error(Phase::decode, r_.error());
  if (err_) return make_error(phase_, err_);
  if (!r_.at_end()) return make_error(Phase::decode, "section size mismatch: operators after the function's end");
  c_.finish(max_vals_, out);
  return {};
}

}  // namespace

Result<void> validate_function(const Module& module, std::uint32_t func_index, std::span<const std::uint8_t> code,
                               const Limits& limits, Compiler& compiler, CompiledFunction& out) {
  FunctionValidator v(module, func_index, code, limits, compiler);
  return v.run(out);
}

}  // namespace tc::wasm
