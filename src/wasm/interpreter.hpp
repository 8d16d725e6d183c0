// tinycontainer wasm — the threaded interpreter (internal header).
//
// Contract: Interpreter::run executes the internal form (code.hpp) of the Execution's
// current call with computed-goto dispatch. Registers (pc, sp, fp, instance, memory base
// and size, fuel) live in locals; the hot path has no allocation, virtual call,
// exception or recursion: wasm calls push an Execution::Frame on the explicit frame
// stack. Every memory access is bounds-checked explicitly against the memory size.
#pragma once

#include <cstdint>

#include "wasm/execution.hpp"

namespace tc::wasm {

struct Execution::Frame {
  const std::uint64_t* pc;  // return address in the caller
  std::uint64_t* fp;        // caller's frame base
  Instance* inst;           // caller's instance
};

struct Interpreter {
  // fuel: budget for this run (kFuelUnlimited = none). Precondition: exec is ready or
  // suspended. With exec == nullptr returns the handler table (see interpreter_handlers).
  static RunResult run(Execution* exec, std::uint64_t fuel, const void* const** table_out) noexcept;
};

}  // namespace tc::wasm
