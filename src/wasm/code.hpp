// tinycontainer wasm — the internal code form produced by the compiler and executed by
// the interpreter.
//
// Contract: a CompiledFunction's code is an array of 8-byte words. Each instruction is
// the address of its interpreter handler (computed-goto label) followed by its decoded
// immediates, one word each. Branch targets are absolute word pointers into the same
// array, resolved at compile time; stack heights are precomputed (all values are one
// 8-byte cell; locals live in cells fp[0 .. num_params+num_locals)). The value-stack
// cells a frame needs (locals + maximum operand height) are known statically, so the
// interpreter checks the stack limit once per call. Internal opcodes are listed below;
// the numeric block mirrors wasm opcodes 0x45..0xC4 and 0xFC 0..7 in order.
#pragma once

#include <cstdint>
#include <vector>

namespace tc::wasm {

// Control and variable instructions; immediates in brackets.
#define TC_WASM_CONTROL_OPS(X)                                                          \
  X(unreachable)                                                                        \
  X(br)               /* [target] */                                                    \
  X(br_move)          /* [target, dst, n] move top n cells to fp+dst */                 \
  X(br_if)            /* [target] */                                                    \
  X(br_if_move)       /* [target, dst, n] */                                            \
  X(br_unless)        /* [target] (if) */                                               \
  X(br_loop)          /* [target, cost, dst, n] back-edge: charges fuel */              \
  X(br_if_loop)       /* [target, cost, dst, n] */                                      \
  X(br_table)         /* [count, then (count+1) x (target, dst, n, cost)] */            \
  X(ret)              /* [n] */                                                         \
  X(ret0)             /* return without results */                                      \
  X(ret1)             /* return one result */                                           \
  X(call)             /* [funcidx] */                                                   \
  X(call_internal)    /* [CompiledFunction*] call of a function of the same module */   \
  X(call_indirect)    /* [typeidx, tableidx] */                                         \
  X(drop)                                                                               \
  X(select)                                                                             \
  X(local_get)        /* [idx] */                                                       \
  X(local_set)        /* [idx] */                                                       \
  X(local_tee)        /* [idx] */                                                       \
  X(global_get)       /* [idx] */                                                       \
  X(global_set)       /* [idx] */                                                       \
  X(i32_load) X(i64_load) X(f32_load) X(f64_load)                                       \
  X(i32_load8_s) X(i32_load8_u) X(i32_load16_s) X(i32_load16_u)                         \
  X(i64_load8_s) X(i64_load8_u) X(i64_load16_s) X(i64_load16_u)                         \
  X(i64_load32_s) X(i64_load32_u)                                                       \
  X(i32_store) X(i64_store) X(f32_store) X(f64_store)                                   \
  X(i32_store8) X(i32_store16) X(i64_store8) X(i64_store16) X(i64_store32)              \
  X(memory_size) X(memory_grow)                                                         \
  X(const_)           /* [bits] */                                                      \
  X(ref_is_null)                                                                        \
  X(ref_func)         /* [funcidx] */                                                   \
  X(memory_init)      /* [seg] */                                                       \
  X(data_drop)        /* [seg] */                                                       \
  X(memory_copy) X(memory_fill)                                                         \
  X(table_get)        /* [t] */                                                         \
  X(table_set)        /* [t] */                                                         \
  X(table_init)       /* [seg, t] */                                                    \
  X(elem_drop)        /* [seg] */                                                       \
  X(table_copy)       /* [dst, src] */                                                  \
  X(table_grow)       /* [t] */                                                         \
  X(table_size)       /* [t] */                                                         \
  X(table_fill)       /* [t] */                                                         \
  /* fused superinstructions */                                                         \
  X(local_get2)       /* [a, b] */                                                      \
  X(i32_add_imm)      /* [imm] */                                                       \
  X(local_get_i32_add_imm_set) /* [src, imm, dst] */                                    \
  X(i32_lt_s_br_if)   /* [target] */                                                    \
  X(i32_ne_br_if) X(i32_eq_br_if) X(i32_lt_u_br_if) X(i32_ge_s_br_if) X(i32_ge_u_br_if) \
  X(i32_gt_s_br_if) X(i32_gt_u_br_if) X(i32_le_s_br_if) X(i32_le_u_br_if)               \
  X(i32_eqz_br_if) X(i64_eqz_br_if)                                                     \
  X(local_set2)       /* [x, y] local.tee x; local.set y */                             \
  X(local_copy)       /* [src, dst] local.get src; local.set dst */                     \
  X(local_set_imm)    /* [dst, bits] const; local.set dst */

// Wasm opcodes 0x45 .. 0xC4, in order.
#define TC_WASM_NUMERIC_OPS(X)                                                          \
  X(i32_eqz) X(i32_eq) X(i32_ne) X(i32_lt_s) X(i32_lt_u) X(i32_gt_s) X(i32_gt_u)        \
  X(i32_le_s) X(i32_le_u) X(i32_ge_s) X(i32_ge_u)                                       \
  X(i64_eqz) X(i64_eq) X(i64_ne) X(i64_lt_s) X(i64_lt_u) X(i64_gt_s) X(i64_gt_u)        \
  X(i64_le_s) X(i64_le_u) X(i64_ge_s) X(i64_ge_u)                                       \
  X(f32_eq) X(f32_ne) X(f32_lt) X(f32_gt) X(f32_le) X(f32_ge)                           \
  X(f64_eq) X(f64_ne) X(f64_lt) X(f64_gt) X(f64_le) X(f64_ge)                           \
  X(i32_clz) X(i32_ctz) X(i32_popcnt) X(i32_add) X(i32_sub) X(i32_mul) X(i32_div_s)     \
  X(i32_div_u) X(i32_rem_s) X(i32_rem_u) X(i32_and) X(i32_or) X(i32_xor) X(i32_shl)     \
  X(i32_shr_s) X(i32_shr_u) X(i32_rotl) X(i32_rotr)                                     \
  X(i64_clz) X(i64_ctz) X(i64_popcnt) X(i64_add) X(i64_sub) X(i64_mul) X(i64_div_s)     \
  X(i64_div_u) X(i64_rem_s) X(i64_rem_u) X(i64_and) X(i64_or) X(i64_xor) X(i64_shl)     \
  X(i64_shr_s) X(i64_shr_u) X(i64_rotl) X(i64_rotr)                                     \
  X(f32_abs) X(f32_neg) X(f32_ceil) X(f32_floor) X(f32_trunc) X(f32_nearest) X(f32_sqrt)\
  X(f32_add) X(f32_sub) X(f32_mul) X(f32_div) X(f32_min) X(f32_max) X(f32_copysign)     \
  X(f64_abs) X(f64_neg) X(f64_ceil) X(f64_floor) X(f64_trunc) X(f64_nearest) X(f64_sqrt)\
  X(f64_add) X(f64_sub) X(f64_mul) X(f64_div) X(f64_min) X(f64_max) X(f64_copysign)     \
  X(i32_wrap_i64) X(i32_trunc_f32_s) X(i32_trunc_f32_u) X(i32_trunc_f64_s)              \
  X(i32_trunc_f64_u) X(i64_extend_i32_s) X(i64_extend_i32_u) X(i64_trunc_f32_s)         \
  X(i64_trunc_f32_u) X(i64_trunc_f64_s) X(i64_trunc_f64_u) X(f32_convert_i32_s)         \
  X(f32_convert_i32_u) X(f32_convert_i64_s) X(f32_convert_i64_u) X(f32_demote_f64)      \
  X(f64_convert_i32_s) X(f64_convert_i32_u) X(f64_convert_i64_s) X(f64_convert_i64_u)   \
  X(f64_promote_f32) X(i32_reinterpret_f32) X(i64_reinterpret_f64)                      \
  X(f32_reinterpret_i32) X(f64_reinterpret_i64)                                         \
  X(i32_extend8_s) X(i32_extend16_s) X(i64_extend8_s) X(i64_extend16_s) X(i64_extend32_s)

// 0xFC 0..7, in order.
#define TC_WASM_SAT_OPS(X)                                                              \
  X(i32_trunc_sat_f32_s) X(i32_trunc_sat_f32_u) X(i32_trunc_sat_f64_s)                  \
  X(i32_trunc_sat_f64_u) X(i64_trunc_sat_f32_s) X(i64_trunc_sat_f32_u)                  \
  X(i64_trunc_sat_f64_s) X(i64_trunc_sat_f64_u)

// Binary operators whose operands the compiler folds: for each, 16 variants reading the
// operands from (local, local) [a, b], (local, imm) [a, imm], (stack, local) [b],
// (stack, imm) [imm]; the same four writing the result to a local (`_set`, extra
// immediate: the destination local) instead of pushing it; the same four followed by
// br_if (`_br`, extra immediate: target) and by a loop back-edge br_if (`_brl`, extra
// immediates: target, fuel cost).
#define TC_WASM_FOLDABLE(Y)                                                             \
  Y(i32_add) Y(i32_sub) Y(i32_mul) Y(i32_and) Y(i32_or) Y(i32_xor) Y(i32_shl)           \
  Y(i32_shr_s) Y(i32_shr_u) Y(i32_eq) Y(i32_ne) Y(i32_lt_s) Y(i32_lt_u) Y(i32_gt_s)     \
  Y(i32_gt_u) Y(i32_le_s) Y(i32_le_u) Y(i32_ge_s) Y(i32_ge_u)                           \
  Y(i64_add) Y(i64_sub) Y(i64_mul) Y(i64_and) Y(i64_or) Y(i64_xor) Y(i64_shl)           \
  Y(i64_shr_s) Y(i64_shr_u) Y(i64_eq) Y(i64_ne) Y(i64_lt_s) Y(i64_lt_u)                 \
  Y(i64_gt_s) Y(i64_gt_u) Y(i64_le_s) Y(i64_le_u) Y(i64_ge_s) Y(i64_ge_u)               \
  Y(f64_lt) Y(f64_gt) Y(f64_le) Y(f64_ge)                                               \
  Y(f32_add) Y(f32_sub) Y(f32_mul) Y(f32_div) Y(f64_add) Y(f64_sub) Y(f64_mul) Y(f64_div)

#define TC_WASM_FOLD_VARIANTS(X, n)                                                      \
  X(n##_ll) X(n##_li) X(n##_sl) X(n##_si) X(n##_ll_set) X(n##_li_set) X(n##_sl_set)     \
  X(n##_si_set) X(n##_ll_br) X(n##_li_br) X(n##_sl_br) X(n##_si_br) X(n##_ll_brl)       \
  X(n##_li_brl) X(n##_sl_brl) X(n##_si_brl)

// Loads whose address is `i32.add` of (stack, imm) [c, off] or (local, imm) [x, c, off];
// the 32-bit add wraps before the offset is added, exactly as in the two-instruction form.
#define TC_WASM_LOAD_ADD(X, n) X(n##_asi) X(n##_ali)
#define TC_WASM_LOAD_ADD_OPS(X)                                                         \
  TC_WASM_LOAD_ADD(X, i32_load) TC_WASM_LOAD_ADD(X, i64_load)                           \
  TC_WASM_LOAD_ADD(X, f32_load) TC_WASM_LOAD_ADD(X, f64_load)                           \
  TC_WASM_LOAD_ADD(X, i32_load8_s) TC_WASM_LOAD_ADD(X, i32_load8_u)                     \
  TC_WASM_LOAD_ADD(X, i32_load16_s) TC_WASM_LOAD_ADD(X, i32_load16_u)                   \
  TC_WASM_LOAD_ADD(X, i64_load8_s) TC_WASM_LOAD_ADD(X, i64_load8_u)                     \
  TC_WASM_LOAD_ADD(X, i64_load16_s) TC_WASM_LOAD_ADD(X, i64_load16_u)                   \
  TC_WASM_LOAD_ADD(X, i64_load32_s) TC_WASM_LOAD_ADD(X, i64_load32_u)

// Stores with folded operands: value from a local/imm with the address on the stack
// (_sl [v, off], _si [imm, off]) or address from a local (_ll [a, v, off], _li [a, imm, off]).
#define TC_WASM_STORE_FOLD(X, n) X(n##_sl) X(n##_si) X(n##_ll) X(n##_li)
#define TC_WASM_STORE_FOLD_OPS(X)                                                       \
  TC_WASM_STORE_FOLD(X, i32_store) TC_WASM_STORE_FOLD(X, i64_store)                     \
  TC_WASM_STORE_FOLD(X, f32_store) TC_WASM_STORE_FOLD(X, f64_store)                     \
  TC_WASM_STORE_FOLD(X, i32_store8) TC_WASM_STORE_FOLD(X, i32_store16)                  \
  TC_WASM_STORE_FOLD(X, i64_store8) TC_WASM_STORE_FOLD(X, i64_store16)                  \
  TC_WASM_STORE_FOLD(X, i64_store32)

// Loads whose address is a local: [local, offset].
#define TC_WASM_LOAD_L_OPS(X)                                                           \
  X(i32_load_l) X(i64_load_l) X(f32_load_l) X(f64_load_l) X(i32_load8_s_l)              \
  X(i32_load8_u_l) X(i32_load16_s_l) X(i32_load16_u_l) X(i64_load8_s_l) X(i64_load8_u_l)\
  X(i64_load16_s_l) X(i64_load16_u_l) X(i64_load32_s_l) X(i64_load32_u_l)

// Loads preceded by a local.get that stays below the loaded value: [x, y, offset] pushes
// local x, then the value loaded from local y + offset (`p = ...; *p += v` keeps p).
#define TC_WASM_LOAD_GL_OPS(X)                                                          \
  X(i32_load_gl) X(i64_load_gl) X(f32_load_gl) X(f64_load_gl) X(i32_load8_s_gl)         \
  X(i32_load8_u_gl) X(i32_load16_s_gl) X(i32_load16_u_gl) X(i64_load8_s_gl)            \
  X(i64_load8_u_gl) X(i64_load16_s_gl) X(i64_load16_u_gl) X(i64_load32_s_gl)           \
  X(i64_load32_u_gl)

// The 14 loads (i32_load .. i64_load32_u, in order) with a per-load macro F(X, name).
#define TC_WASM_EACH_LOAD(F, X)                                                         \
  F(X, i32_load) F(X, i64_load) F(X, f32_load) F(X, f64_load) F(X, i32_load8_s)         \
  F(X, i32_load8_u) F(X, i32_load16_s) F(X, i32_load16_u) F(X, i64_load8_s)             \
  F(X, i64_load8_u) F(X, i64_load16_s) F(X, i64_load16_u) F(X, i64_load32_s)            \
  F(X, i64_load32_u)
// Indexed loads, address ((b << k) + c) + offset with b from the stack (_xs [k, c, off])
// or a local (_xl [x, k, c, off]) — `array[i]` of compiled C; both adds wrap at 32 bits.
// Loads followed by local.tee: _lt [x, off, dst] (address local x), _asit [c, off, dst]
// (address stack + c).
#define TC_WASM_LOAD_VARIANTS2(X, n) X(n##_xs) X(n##_xl) X(n##_lt) X(n##_asit)
#define TC_WASM_LOAD_VARIANT2_OPS(X) TC_WASM_EACH_LOAD(TC_WASM_LOAD_VARIANTS2, X)
// local.tee x; local.get x; load: [x, off] sets local x to the top cell (kept) and pushes
// the value loaded from it + off.
#define TC_WASM_LOAD_TD(X, n) X(n##_td)
#define TC_WASM_LOAD_TD_OPS(X) TC_WASM_EACH_LOAD(TC_WASM_LOAD_TD, X)
// Stack binary operators followed by local.tee x: [x].
#define TC_WASM_BIN_TEE_OPS(X)                                                          \
  X(i32_add_tee) X(i32_xor_tee) X(i32_or_tee) X(i32_and_tee) X(i64_add_tee)            \
  X(i64_xor_tee) X(i64_or_tee) X(f64_add_tee) X(f64_sub_tee) X(f64_mul_tee)
// Loads at a + (b << k) + offset, a and b popped (_sx [k, off]): `ptr[i]`.
#define TC_WASM_LOAD_SX(X, n) X(n##_sx)
#define TC_WASM_LOAD_SX_OPS(X) TC_WASM_EACH_LOAD(TC_WASM_LOAD_SX, X)
// `p = y + c; *p ...` (local.get y; i32.const c; i32.add; local.tee p; local.get p; load):
// [y, c, p, off] (_tli) or with c from local z [y, z, p, off] (_tll): sets local p, pushes
// p and the value loaded from p + off.
#define TC_WASM_LOAD_TEE_ADD_OPS(X)                                                     \
  X(i32_load_tli) X(i32_load_tll) X(i64_load_tli) X(i64_load_tll) X(f64_load_tli)      \
  X(f64_load_tll)

// Arithmetic pairs of compiled C (array indexing, multiply-accumulate); a, b: the two
// top stack cells (b on top).
#define TC_WASM_ARITH_PAIR_OPS(X)                                                       \
  X(i32_shl_add_si)   /* [k] a + (b << k) */                                            \
  X(i32_mul_add_sl)   /* [x] a + b * local x */                                         \
  X(i32_mul_add_si)   /* [c] a + b * c */                                               \
  X(i32_store_add)    /* [off] store a + b at (third cell) + off */                     \
  X(i32_store_mul_add_sl) /* [x, off] store a + b * local x at (third cell) + off */ \
  X(f64_store_add)    /* [off] store a + b at (third cell) + off */                     \
  X(f64_store_sub)    /* [off] store a - b at (third cell) + off */                     \
  X(f64_mul_lll)      /* [a, b, c] push (local a * local b) * local c */                \
  X(ret1_i32_add_ll)  /* [a, b] return local a + local b */

// Counted-loop back-edges: x = y + c; if (x OP d) continue the loop (charging fuel) —
// [y, c, x, d, target, cost]. Fuel is checked before x is written, so an out-of-fuel
// stop re-executes the whole instruction on resume.
#define TC_WASM_STEP_BRL_OPS(X)                                                         \
  X(step_ne_brl) X(step_lt_s_brl) X(step_lt_u_brl) X(step_gt_s_brl) X(step_gt_u_brl)   \
  X(step_le_s_brl) X(step_le_u_brl) X(step_ge_s_brl) X(step_ge_u_brl) X(step_eq_brl)

#define TC_WASM_ALL_OPS(X)                                                              \
  TC_WASM_CONTROL_OPS(X) TC_WASM_NUMERIC_OPS(X) TC_WASM_SAT_OPS(X) TC_WASM_LOAD_L_OPS(X) \
  TC_WASM_STORE_FOLD_OPS(X) TC_WASM_LOAD_ADD_OPS(X) TC_WASM_LOAD_GL_OPS(X)              \
  TC_WASM_ARITH_PAIR_OPS(X) TC_WASM_LOAD_VARIANT2_OPS(X) TC_WASM_LOAD_SX_OPS(X)        \
  TC_WASM_LOAD_TEE_ADD_OPS(X) TC_WASM_LOAD_TD_OPS(X) TC_WASM_BIN_TEE_OPS(X)           \
  TC_WASM_STEP_BRL_OPS(X)

enum class Op : std::uint16_t {
#define TC_X(name) name,
#define TC_Y(name) TC_WASM_FOLD_VARIANTS(TC_X, name)
  TC_WASM_ALL_OPS(TC_X)
  TC_WASM_FOLDABLE(TC_Y)
#undef TC_Y
#undef TC_X
  count_
};

// Foldable base operators in TC_WASM_FOLDABLE order; variant k of foldable i is
// Op(kFoldBase + kFoldStride*i + k), k in the order of TC_WASM_FOLD_VARIANTS.
inline constexpr Op kFoldable[] = {
#define TC_Y(name) Op::name,
    TC_WASM_FOLDABLE(TC_Y)
#undef TC_Y
};
inline constexpr std::uint16_t kFoldBase = static_cast<std::uint16_t>(Op::i32_add_ll);
inline constexpr int kFoldStride = 16;
inline constexpr std::uint16_t kLoadLBase = static_cast<std::uint16_t>(Op::i32_load_l);
inline constexpr std::uint16_t kLoadGlBase = static_cast<std::uint16_t>(Op::i32_load_gl);
inline constexpr std::uint16_t kLoadV2Base = static_cast<std::uint16_t>(Op::i32_load_xs);  // 4 per load
inline constexpr std::uint16_t kLoadSxBase = static_cast<std::uint16_t>(Op::i32_load_sx);
inline constexpr std::uint16_t kLoadTdBase = static_cast<std::uint16_t>(Op::i32_load_td);
inline constexpr std::uint16_t kLoadAddBase = static_cast<std::uint16_t>(Op::i32_load_asi);  // 2 per load
inline constexpr std::uint16_t kStoreFoldBase = static_cast<std::uint16_t>(Op::i32_store_sl);  // 4 per store

inline constexpr std::uint16_t kNumericBase = static_cast<std::uint16_t>(Op::i32_eqz);
inline constexpr std::uint16_t kSatBase = static_cast<std::uint16_t>(Op::i32_trunc_sat_f32_s);
static_assert(static_cast<std::uint16_t>(Op::i64_extend32_s) - kNumericBase == 0xC4 - 0x45);

struct CompiledFunction {
  std::vector<std::uint64_t> code;
  std::uint32_t num_params = 0;
  std::uint32_t num_locals = 0;   // declared locals (zeroed on entry)
  std::uint32_t num_results = 0;
  std::uint32_t frame_cells = 0;  // locals + maximum operand height
};

// The interpreter's handler table, indexed by Op (label addresses; immutable).
const void* const* interpreter_handlers() noexcept;

}  // namespace tc::wasm
