// tinycontainer wasm — the engine's hard limits.
//
// Contract: every limit is enforced without crashing. Load-time limits (module size,
// nesting, counts) produce a load error; run-time limits produce a trap:
// call depth / value stack → TrapKind::call_stack_exhausted; memory.grow / table.grow
// beyond the limit return -1 as the spec allows (a grow may always fail); a module whose
// declared minimum exceeds a limit fails instantiation.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tc::wasm {

struct Limits {
  std::size_t max_module_bytes = 64u << 20;       // binary size accepted by load_module
  std::uint32_t max_memory_pages = 65536;          // 4 GiB: the wasm32 maximum
  std::uint32_t max_table_elements = 10'000'000;   // per table
  std::uint32_t max_call_depth = 10'000;           // wasm frames on the explicit frame stack
  std::uint32_t max_value_stack = 1u << 20;        // 8-byte cells (locals + operands), 8 MiB
  std::uint32_t max_nesting_depth = 10'000;        // block nesting in one function body
  std::uint32_t max_function_locals = 50'000;      // params + locals of one function
};

}  // namespace tc::wasm
