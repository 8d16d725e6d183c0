// tinycontainer wasm — validation of one function body (spec §3.3 "Instructions",
// algorithm of the appendix §A.3 "Validation Algorithm") driving the compiler.
//
// Contract: decodes every instruction of the body once, checks it against the operand
// stack / control stack algorithm (including the polymorphic stack after unreachable,
// br, br_table, return) and reports each instruction with its stack height to the
// Compiler. Nesting depth and the number of locals are bounded by Limits; both stacks
// are explicit vectors: no recursion. Malformed encodings → Phase::decode, type errors →
// Phase::validate; v128/SIMD opcodes are rejected with a message naming SIMD.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "common/error.hpp"
#include "wasm/code.hpp"
#include "wasm/limits.hpp"
#include "wasm/module.hpp"

namespace tc::wasm {

class Compiler;

// Fills `out` (pre-allocated in Module::code so that calls can refer to it directly).
[[nodiscard]] Result<void> validate_function(const Module& module, std::uint32_t func_index,
                                             std::span<const std::uint8_t> code, const Limits& limits,
                                             Compiler& compiler, CompiledFunction& out);

}  // namespace tc::wasm
