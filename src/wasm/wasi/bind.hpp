// tinycontainer WASI — binding the WASI functions to one module's imports.
//
// Contract: bind_wasi() adds to `imports` a host function (created in `store`, user
// pointer = `wasi`) for every import of `module` from "wasi_snapshot_preview1":
// implemented functions (functions.hpp) must be imported with their exact witx type,
// else Error(Phase::instantiate, "wasi: import X has the wrong type"); any other WASI
// function is bound to a stub of the imported type that returns errno `nosys` (or, if
// its type has no i32 result, traps "unsupported WASI function"). Imports from other
// modules are left alone. `wasi` must outlive every instance bound with it.
#pragma once

#include "common/error.hpp"
#include "wasm/module.hpp"
#include "wasm/store.hpp"
#include "wasm/types.hpp"
#include "wasm/wasi/context.hpp"

namespace tc::wasi {

Result<void> bind_wasi(tc::wasm::Store& store, const tc::wasm::Module& module, WasiContext& wasi,
                       tc::wasm::Imports& imports);

// "iIi:i" → FuncType{[i32, i64, i32], [i32]}.
[[nodiscard]] tc::wasm::FuncType parse_signature(std::string_view signature);

}  // namespace tc::wasi
