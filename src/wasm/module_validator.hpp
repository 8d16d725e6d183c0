// tinycontainer wasm — module-level validation (spec §3.4 "Modules").
//
// Contract: checks every index space reference, limits (memory ≤ 65536 pages, min ≤ max,
// at most one memory), constant expressions (type, immutable global.get — only imported
// globals for global initialisers), export name uniqueness, the start function's type,
// element/data segment types; then validates and compiles every function body
// (function_validator.hpp), filling Module::code. Errors: Phase::validate (or
// Phase::decode for malformed bodies).
#pragma once

#include <span>

#include "common/error.hpp"
#include "wasm/limits.hpp"
#include "wasm/module.hpp"

namespace tc::wasm {

[[nodiscard]] Result<void> validate_module(Module& m, std::span<const std::uint8_t> bytes, const Limits& limits);

}  // namespace tc::wasm
