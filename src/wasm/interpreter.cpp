// The threaded interpreter: one function, computed-goto dispatch (GNU C labels-as-values).
#pragma GCC diagnostic ignored "-Wpedantic"

#include "wasm/interpreter.hpp"

#include <bit>
#include <cmath>
#include <cstring>
#ifdef TC_WASM_OPSTATS
#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>
#endif

#include "wasm/code.hpp"
#include "wasm/numeric.hpp"

namespace tc::wasm {

using num::bits;
using num::f32;
using num::f64;
using u32 = std::uint32_t;
using u64 = std::uint64_t;
using i32 = std::int32_t;
using i64 = std::int64_t;

#ifdef TC_WASM_OPSTATS
// Counts executed ops and adjacent op pairs; prints the top entries when destroyed.
class OpStats {
 public:
  explicit OpStats(const void* const* handlers) : handlers_(handlers) {}
  ~OpStats() {
    std::vector<std::pair<std::uint64_t, std::string>> rows;
    std::uint64_t total = 0;
    for (auto& [k, n] : ops_) { rows.emplace_back(n, name(k)); total += n; }
    for (auto& [k, n] : pairs_) rows.emplace_back(n, name(k.first) + " > " + name(k.second));
    std::sort(rows.rbegin(), rows.rend());
    std::fprintf(stderr, "ops executed: %llu\n", static_cast<unsigned long long>(total));
    for (std::size_t i = 0; i < rows.size() && i < 60; ++i)
      std::fprintf(stderr, "%12llu %5.1f%% %s\n", static_cast<unsigned long long>(rows[i].first),
                   100.0 * static_cast<double>(rows[i].first) / static_cast<double>(total), rows[i].second.c_str());
  }
  void note(const void* prev, const void* cur) {
    ++ops_[cur];
    if (prev) ++pairs_[{prev, cur}];
  }

 private:
  std::string name(const void* h) const {
    static const char* const kNames[] = {
#define TC_X(name) #name,
#define TC_Y(name) TC_WASM_FOLD_VARIANTS(TC_X, name)
        TC_WASM_ALL_OPS(TC_X) TC_WASM_FOLDABLE(TC_Y)
#undef TC_Y
#undef TC_X
    };
    for (std::size_t i = 0; i < static_cast<std::size_t>(Op::count_); ++i)
      if (handlers_[i] == h) return kNames[i];
    return "?";
  }
  const void* const* handlers_;
  std::map<const void*, std::uint64_t> ops_;
  std::map<std::pair<const void*, const void*>, std::uint64_t> pairs_;
};
#endif

const void* const* interpreter_handlers() noexcept {
  const void* const* table = nullptr;
  Interpreter::run(nullptr, 0, &table);
  return table;
}

RunResult Interpreter::run(Execution* ex, std::uint64_t fuel_in, const void* const** table_out) noexcept {
  static const void* const kHandlers[] = {
#define TC_X(name) &&L_##name,
#define TC_Y(name) TC_WASM_FOLD_VARIANTS(TC_X, name)
      TC_WASM_ALL_OPS(TC_X)
      TC_WASM_FOLDABLE(TC_Y)
#undef TC_Y
#undef TC_X
  };
  static_assert(sizeof(kHandlers) / sizeof(kHandlers[0]) == static_cast<std::size_t>(Op::count_));
  if (!ex) {
    *table_out = kHandlers;
    return {};
  }

  RunResult result;
  const i64 fuel_start = fuel_in > static_cast<u64>(INT64_MAX) ? INT64_MAX : static_cast<i64>(fuel_in);
  i64 fuel = fuel_start;
  const u64* pc = ex->pc_;
  u64* sp = ex->sp_;
  u64* fp = ex->fp_;
  Instance* inst = ex->inst_;
  Memory* memobj = inst->mem0;
  std::uint8_t* mem = memobj->data;
  u64 memsize = memobj->size_bytes;
  Execution::Frame* const frames = ex->frames_;
  const std::uint32_t frame_cap = ex->frame_capacity_;
  std::uint32_t nframes = ex->frame_count_;
  u64* const stack_end = ex->stack_end_;
  TrapKind trap = TrapKind::none;
  Function* callee = nullptr;

#ifdef TC_WASM_OPSTATS  // measurement build only: dynamic op-pair counts on stderr at exit
  static OpStats stats(kHandlers);
  const void* prev_op = nullptr;
#define NEXT()                                                   \
  do {                                                           \
    stats.note(prev_op, reinterpret_cast<const void*>(*pc));     \
    prev_op = reinterpret_cast<const void*>(*pc);                \
    goto* reinterpret_cast<const void*>(*pc++);                  \
  } while (0)
#else
#define NEXT() goto* reinterpret_cast<const void*>(*pc++)
#endif
#define TRAP(k)            \
  do {                     \
    trap = TrapKind::k;    \
    goto do_trap;          \
  } while (0)
#define RELOAD_MEM()               \
  do {                             \
    memobj = inst->mem0;           \
    mem = memobj->data;            \
    memsize = memobj->size_bytes;  \
  } while (0)
#ifdef TC_WASM_NO_METERING  // measurement build only: fuel is never charged
#define CHARGE(cost, restart) \
  do {                        \
    (void)(cost);             \
  } while (0)
  if (false) goto out_of_fuel;
#else
#define CHARGE(cost, restart)                 \
  do {                                        \
    if (fuel <= 0) {                          \
      pc = (restart);                         \
      goto out_of_fuel;                       \
    }                                         \
    fuel -= static_cast<i64>(cost);           \
  } while (0)
#endif
#define MOVE_RESULTS(dst, n)                              \
  do {                                                    \
    u64* d_ = fp + (dst);                                 \
    const u64 n_ = (n);                                   \
    u64* s_ = sp - n_;                                    \
    if (d_ != s_)                                         \
      for (u64 i_ = 0; i_ < n_; ++i_) d_[i_] = s_[i_];    \
    sp = d_ + n_;                                         \
  } while (0)

  NEXT();

  // ---------------------------------------------------------------- control
L_unreachable:
  TRAP(unreachable);
L_br:
  pc = reinterpret_cast<const u64*>(pc[0]);
  NEXT();
L_br_move:
  MOVE_RESULTS(pc[1], pc[2]);
  pc = reinterpret_cast<const u64*>(pc[0]);
  NEXT();
L_br_if:
  if (static_cast<u32>(*--sp)) pc = reinterpret_cast<const u64*>(pc[0]);
  else pc += 1;
  NEXT();
L_br_if_move:
  if (static_cast<u32>(*--sp)) {
    MOVE_RESULTS(pc[1], pc[2]);
    pc = reinterpret_cast<const u64*>(pc[0]);
  } else {
    pc += 3;
  }
  NEXT();
L_br_unless:
  if (!static_cast<u32>(*--sp)) pc = reinterpret_cast<const u64*>(pc[0]);
  else pc += 1;
  NEXT();
L_br_loop:
  CHARGE(pc[1], pc - 1);
  MOVE_RESULTS(pc[2], pc[3]);
  pc = reinterpret_cast<const u64*>(pc[0]);
  NEXT();
L_br_if_loop:
  if (static_cast<u32>(sp[-1])) {
    CHARGE(pc[1], pc - 1);
    --sp;
    MOVE_RESULTS(pc[2], pc[3]);
    pc = reinterpret_cast<const u64*>(pc[0]);
  } else {
    --sp;
    pc += 4;
  }
  NEXT();
L_br_table: {
  u64 idx = static_cast<u32>(sp[-1]);
  const u64 count = pc[0];
  if (idx > count) idx = count;
  const u64* e = pc + 1 + idx * 4;
  if (e[3]) CHARGE(e[3], pc - 1);
  --sp;
  MOVE_RESULTS(e[1], e[2]);
  pc = reinterpret_cast<const u64*>(e[0]);
  NEXT();
}
L_ret: {
  const u64 n = pc[0];
  u64* s = sp - n;
  for (u64 i = 0; i < n; ++i) fp[i] = s[i];
  sp = fp + n;
  goto do_return;
}
L_ret0:
  sp = fp;
  goto do_return;
L_ret1_i32_add_ll:
  fp[0] = static_cast<u32>(static_cast<u32>(fp[pc[0]]) + static_cast<u32>(fp[pc[1]]));
  sp = fp + 1;
  goto do_return;
L_ret1:
  fp[0] = sp[-1];
  sp = fp + 1;
  goto do_return;
do_return: {
  if (nframes == 0) goto completed;
  const Execution::Frame& f = frames[--nframes];
  pc = f.pc;
  fp = f.fp;
  // Same instance: mem/memsize are current (a memory.grow in the callee updated the
  // registers). Another instance: switch and reload.
  if (f.inst != inst) {
    inst = f.inst;
    RELOAD_MEM();
  }
  NEXT();
}
L_call:
  CHARGE(1, pc - 1);
  callee = inst->funcs[pc[0]];
  pc += 1;
  goto do_call;
L_call_internal: {
  CHARGE(1, pc - 1);
  const auto* cf = reinterpret_cast<const CompiledFunction*>(pc[0]);
  pc += 1;
  u64* nfp = sp - cf->num_params;
  if (nframes == frame_cap || nfp + cf->frame_cells > stack_end) TRAP(call_stack_exhausted);
  frames[nframes++] = Execution::Frame{pc, fp, inst};
  fp = nfp;
  // frame_cells reserves 2 cells beyond locals + operands: clearing two cells
  // unconditionally is in bounds and spares the loop for small frames.
  sp[0] = 0;
  sp[1] = 0;
  for (u32 i = 2; i < cf->num_locals; ++i) sp[i] = 0;
  sp += cf->num_locals;
  pc = cf->code.data();
  NEXT();
}
L_call_indirect: {
  CHARGE(1, pc - 1);
  const Table& t = *inst->tables[pc[1]];
  const u64 idx = static_cast<u32>(*--sp);
  if (idx >= t.elems.size()) TRAP(undefined_element);
  callee = const_cast<Function*>(t.elems[idx].as_funcref());
  if (!callee) TRAP(uninitialized_element);
  if (callee->type_id != inst->type_ids[pc[0]]) TRAP(indirect_call_type_mismatch);
  pc += 2;
  goto do_call;
}
do_call: {
  const CompiledFunction* cf = callee->code;
  if (!cf) goto do_host_call;
  u64* nfp = sp - cf->num_params;
  if (nframes == frame_cap || nfp + cf->frame_cells > stack_end) TRAP(call_stack_exhausted);
  frames[nframes++] = Execution::Frame{pc, fp, inst};
  fp = nfp;
  for (u32 i = 0; i < cf->num_locals; ++i) sp[i] = 0;
  sp += cf->num_locals;
  pc = cf->code.data();
  if (callee->instance != inst) {
    inst = callee->instance;
    RELOAD_MEM();
  }
  NEXT();
}
do_host_call: {
  const FuncType& ft = *callee->type;
  const auto np = static_cast<u32>(ft.params.size());
  const auto nr = static_cast<u32>(ft.results.size());
  if (sp + nr > stack_end) TRAP(call_stack_exhausted);
  HostContext ctx;
  ctx.caller = inst;
  ctx.memory = inst->memories.empty() ? nullptr : inst->memories[0];
  ctx.user = callee->user;
  u64* args = sp - np;
  const HostStatus st = callee->host(ctx, reinterpret_cast<const Value*>(args), reinterpret_cast<Value*>(sp));
  if (st == HostStatus::trap) {
    result.host_reason = ctx.trap_reason;
    TRAP(host_trap);
  }
  if (st == HostStatus::exit) {
    result.status = RunStatus::exited;
    result.exit_code = ctx.exit_code;
    goto finish;
  }
  for (u32 i = 0; i < nr; ++i) args[i] = sp[i];
  sp = args + nr;
  RELOAD_MEM();
  NEXT();
}
L_drop:
  --sp;
  NEXT();
L_select: {
  const u32 c = static_cast<u32>(sp[-1]);
  const u64 b = sp[-2];
  sp -= 2;
  if (!c) sp[-1] = b;
  NEXT();
}
L_local_get:
  *sp++ = fp[pc[0]];
  pc += 1;
  NEXT();
L_local_set:
  fp[pc[0]] = *--sp;
  pc += 1;
  NEXT();
L_local_tee:
  fp[pc[0]] = sp[-1];
  pc += 1;
  NEXT();
L_global_get:
  *sp++ = inst->globals[pc[0]]->value.bits;
  pc += 1;
  NEXT();
L_global_set:
  inst->globals[pc[0]]->value.bits = *--sp;
  pc += 1;
  NEXT();

  // ---------------------------------------------------------------- memory
#define LOAD(name, T, expr)                                        \
  L_##name: {                                                      \
    const u64 ea = static_cast<u64>(static_cast<u32>(sp[-1])) + pc[0]; \
    pc += 1;                                                       \
    if (ea + sizeof(T) > memsize) TRAP(memory_out_of_bounds);      \
    T v;                                                           \
    std::memcpy(&v, mem + ea, sizeof(T));                          \
    sp[-1] = (expr);                                               \
    NEXT();                                                        \
  }
  LOAD(i32_load, u32, v)
  LOAD(i64_load, u64, v)
  LOAD(f32_load, u32, v)
  LOAD(f64_load, u64, v)
  LOAD(i32_load8_s, std::int8_t, static_cast<u32>(static_cast<i32>(v)))
  LOAD(i32_load8_u, std::uint8_t, v)
  LOAD(i32_load16_s, std::int16_t, static_cast<u32>(static_cast<i32>(v)))
  LOAD(i32_load16_u, std::uint16_t, v)
  LOAD(i64_load8_s, std::int8_t, static_cast<u64>(static_cast<i64>(v)))
  LOAD(i64_load8_u, std::uint8_t, v)
  LOAD(i64_load16_s, std::int16_t, static_cast<u64>(static_cast<i64>(v)))
  LOAD(i64_load16_u, std::uint16_t, v)
  LOAD(i64_load32_s, std::int32_t, static_cast<u64>(static_cast<i64>(v)))
  LOAD(i64_load32_u, std::uint32_t, v)
#undef LOAD
#define STORE(name, T)                                             \
  L_##name: {                                                      \
    const u64 ea = static_cast<u64>(static_cast<u32>(sp[-2])) + pc[0]; \
    pc += 1;                                                       \
    if (ea + sizeof(T) > memsize) TRAP(memory_out_of_bounds);      \
    const T v = static_cast<T>(sp[-1]);                            \
    std::memcpy(mem + ea, &v, sizeof(T));                          \
    sp -= 2;                                                       \
    NEXT();                                                        \
  }
  STORE(i32_store, u32)
  STORE(i64_store, u64)
  STORE(f32_store, u32)
  STORE(f64_store, u64)
  STORE(i32_store8, std::uint8_t)
  STORE(i32_store16, std::uint16_t)
  STORE(i64_store8, std::uint8_t)
  STORE(i64_store16, std::uint16_t)
  STORE(i64_store32, std::uint32_t)
#undef STORE
L_memory_size:
  *sp++ = memobj->pages;
  NEXT();
L_memory_grow:
  sp[-1] = static_cast<u32>(memobj->grow(static_cast<u32>(sp[-1])));
  RELOAD_MEM();
  NEXT();
L_const_:
  *sp++ = pc[0];
  pc += 1;
  NEXT();
L_ref_is_null:
  sp[-1] = sp[-1] == 0;
  NEXT();
L_ref_func:
  *sp++ = reinterpret_cast<std::uintptr_t>(inst->funcs[pc[0]]);
  pc += 1;
  NEXT();
L_memory_init: {
  const u64 n = static_cast<u32>(sp[-1]), s = static_cast<u32>(sp[-2]), d = static_cast<u32>(sp[-3]);
  sp -= 3;
  const DataSegment& seg = inst->module->datas[pc[0]];
  pc += 1;
  const u64 size = inst->data_dropped[pc[-1]] ? 0 : seg.bytes.size();
  if (s + n > size || d + n > memsize) TRAP(memory_out_of_bounds);
  if (n) std::memcpy(mem + d, seg.bytes.data() + s, n);
  NEXT();
}
L_data_drop:
  inst->data_dropped[pc[0]] = 1;
  pc += 1;
  NEXT();
L_memory_copy: {
  const u64 n = static_cast<u32>(sp[-1]), s = static_cast<u32>(sp[-2]), d = static_cast<u32>(sp[-3]);
  sp -= 3;
  if (s + n > memsize || d + n > memsize) TRAP(memory_out_of_bounds);
  if (n) std::memmove(mem + d, mem + s, n);
  NEXT();
}
L_memory_fill: {
  const u64 n = static_cast<u32>(sp[-1]), d = static_cast<u32>(sp[-3]);
  const auto v = static_cast<std::uint8_t>(sp[-2]);
  sp -= 3;
  if (d + n > memsize) TRAP(memory_out_of_bounds);
  if (n) std::memset(mem + d, v, n);
  NEXT();
}
L_table_get: {
  const Table& t = *inst->tables[pc[0]];
  pc += 1;
  const u64 i = static_cast<u32>(sp[-1]);
  if (i >= t.elems.size()) TRAP(table_out_of_bounds);
  sp[-1] = t.elems[i].bits;
  NEXT();
}
L_table_set: {
  Table& t = *inst->tables[pc[0]];
  pc += 1;
  const u64 i = static_cast<u32>(sp[-2]);
  if (i >= t.elems.size()) TRAP(table_out_of_bounds);
  t.elems[i].bits = sp[-1];
  sp -= 2;
  NEXT();
}
L_table_init: {
  const u64 n = static_cast<u32>(sp[-1]), s = static_cast<u32>(sp[-2]), d = static_cast<u32>(sp[-3]);
  sp -= 3;
  const std::vector<Value>& seg = inst->elem_values[pc[0]];
  Table& t = *inst->tables[pc[1]];
  pc += 2;
  if (s + n > seg.size() || d + n > t.elems.size()) TRAP(table_out_of_bounds);
  for (u64 i = 0; i < n; ++i) t.elems[d + i] = seg[s + i];
  NEXT();
}
L_elem_drop:
  inst->elem_values[pc[0]].clear();
  pc += 1;
  NEXT();
L_table_copy: {
  const u64 n = static_cast<u32>(sp[-1]), s = static_cast<u32>(sp[-2]), d = static_cast<u32>(sp[-3]);
  sp -= 3;
  Table& td = *inst->tables[pc[0]];
  const Table& ts = *inst->tables[pc[1]];
  pc += 2;
  if (s + n > ts.elems.size() || d + n > td.elems.size()) TRAP(table_out_of_bounds);
  if (n) std::memmove(td.elems.data() + d, ts.elems.data() + s, n * sizeof(Value));
  NEXT();
}
L_table_grow: {
  Table& t = *inst->tables[pc[0]];
  pc += 1;
  const u32 n = static_cast<u32>(sp[-1]);
  const Value init{sp[-2]};
  --sp;
  sp[-1] = static_cast<u32>(t.grow(n, init));
  NEXT();
}
L_table_size:
  *sp++ = inst->tables[pc[0]]->elems.size();
  pc += 1;
  NEXT();
L_table_fill: {
  Table& t = *inst->tables[pc[0]];
  pc += 1;
  const u64 n = static_cast<u32>(sp[-1]), i = static_cast<u32>(sp[-3]);
  const Value v{sp[-2]};
  sp -= 3;
  if (i + n > t.elems.size()) TRAP(table_out_of_bounds);
  for (u64 k = 0; k < n; ++k) t.elems[i + k] = v;
  NEXT();
}

  // ---------------------------------------------------------------- fused
L_local_get2:
  sp[0] = fp[pc[0]];
  sp[1] = fp[pc[1]];
  sp += 2;
  pc += 2;
  NEXT();
L_i32_add_imm:
  sp[-1] = static_cast<u32>(static_cast<u32>(sp[-1]) + static_cast<u32>(pc[0]));
  pc += 1;
  NEXT();
L_local_get_i32_add_imm_set:
  fp[pc[2]] = static_cast<u32>(static_cast<u32>(fp[pc[0]]) + static_cast<u32>(pc[1]));
  pc += 3;
  NEXT();
#define CMP_BR(name, T, op)                                                  \
  L_##name##_br_if: {                                                        \
    const T b = static_cast<T>(sp[-1]), a = static_cast<T>(sp[-2]);          \
    sp -= 2;                                                                 \
    if (a op b) pc = reinterpret_cast<const u64*>(pc[0]);                    \
    else pc += 1;                                                            \
    NEXT();                                                                  \
  }
  CMP_BR(i32_lt_s, i32, <)
  CMP_BR(i32_ne, u32, !=)
  CMP_BR(i32_eq, u32, ==)
  CMP_BR(i32_lt_u, u32, <)
  CMP_BR(i32_ge_s, i32, >=)
  CMP_BR(i32_ge_u, u32, >=)
  CMP_BR(i32_gt_s, i32, >)
  CMP_BR(i32_gt_u, u32, >)
  CMP_BR(i32_le_s, i32, <=)
  CMP_BR(i32_le_u, u32, <=)
#undef CMP_BR
L_local_copy:
  fp[pc[1]] = fp[pc[0]];
  pc += 2;
  NEXT();
L_local_set_imm:
  fp[pc[0]] = pc[1];
  pc += 2;
  NEXT();
L_f64_mul_lll:
  *sp++ = bits(f64(fp[pc[0]]) * f64(fp[pc[1]]) * f64(fp[pc[2]]));
  pc += 3;
  NEXT();
L_i64_eqz_br_if:
  if (!*--sp) pc = reinterpret_cast<const u64*>(pc[0]);
  else pc += 1;
  NEXT();
L_local_set2:
  fp[pc[0]] = sp[-1];
  fp[pc[1]] = sp[-1];
  --sp;
  pc += 2;
  NEXT();
L_i32_eqz_br_if:
  if (!static_cast<u32>(*--sp)) pc = reinterpret_cast<const u64*>(pc[0]);
  else pc += 1;
  NEXT();

#include "wasm/interpreter_numeric.inc"
#include "wasm/interpreter_fused.inc"

  // ---------------------------------------------------------------- exits
completed:
  result.status = RunStatus::completed;
  goto finish;
out_of_fuel:
  ex->pc_ = pc;
  ex->sp_ = sp;
  ex->fp_ = fp;
  ex->inst_ = inst;
  ex->frame_count_ = nframes;
  result.status = RunStatus::out_of_fuel;
  result.fuel_used = static_cast<u64>(fuel_start - fuel);
  return result;
do_trap:
  result.status = RunStatus::trapped;
  result.trap = trap;
finish:
  ex->pc_ = nullptr;
  ex->sp_ = sp;
  ex->frame_count_ = 0;
  result.fuel_used = static_cast<u64>(fuel_start - fuel);
  return result;
#undef NEXT
#undef TRAP
#undef RELOAD_MEM
#undef CHARGE
#undef MOVE_RESULTS
}

}  // namespace tc::wasm
