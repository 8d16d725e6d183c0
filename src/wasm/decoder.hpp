// tinycontainer wasm — the binary decoder (spec §5 "Binary Format").
//
// Contract: decode_module() turns bytes into a Module's structure: magic and version,
// sections in the prescribed order (custom sections anywhere) each consumed exactly to
// its declared size, every vector count bounded by the bytes left, LEB128 exact, names
// valid UTF-8, function and code counts equal, data count equal to the data section.
// Function bodies are only delimited (locals decoded and counted); their instructions
// are decoded by the validator. Errors carry Phase::decode; SIMD types are rejected.
// Iterative: no recursion.
#pragma once

#include <span>

#include "common/error.hpp"
#include "wasm/limits.hpp"
#include "wasm/module.hpp"

namespace tc::wasm {

[[nodiscard]] Result<void> decode_module(std::span<const std::uint8_t> bytes, const Limits& limits,
                                         Module& out);

// Reads a value type byte; false (with message) for unknown types and for v128 (SIMD).
bool decode_valtype(std::uint8_t byte, ValType& out, const char** error) noexcept;

}  // namespace tc::wasm
