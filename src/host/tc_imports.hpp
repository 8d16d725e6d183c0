// tinycontainer host — binding the guest ABI's "tc" imports (guest_abi.hpp) of one wasm
// module to a container's EndpointTable.
//
// Contract: for every import of module "tc" that `module` declares, bind_tc() creates a
// host function in `store` (user pointer = `endpoints`) and adds it to `imports`. Names and
// types are exactly those of guest_abi.hpp (open i32→i32, read/write i32 i32 i32→i32,
// close i32→i32, call 5×i32→i32, now_us →i64); an unknown name or a wrong type is an
// Error (Phase::instantiate) naming it. Every pointer/length pair is bounds-checked against
// the caller's memory 0 → abi::kBadMemory (counted as a call, never a trap).
#pragma once

#include "common/error.hpp"
#include "host/endpoint_table.hpp"
#include "wasm/module.hpp"
#include "wasm/store.hpp"

namespace tc::host {

Result<void> bind_tc(wasm::Store& store, const wasm::Module& module, EndpointTable& endpoints,
                     wasm::Imports& imports);

}  // namespace tc::host
