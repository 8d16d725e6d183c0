// The `spectest` host module of the WebAssembly testsuite (print*, global_*, table,
// memory), created in a Store and offered through Imports.
#pragma once

#include "wasm/store.hpp"

namespace tc::wasm::spec {

// Adds "spectest" externs to `imports`. Fails only on allocation failure.
Result<void> add_spectest(Store& store, Imports& imports);

}  // namespace tc::wasm::spec
