// tinycontainer host — the WebAssembly runtime behind the runtime abstraction layer.
//
// Contract (runtime.hpp):
//  * create(): decode + validate the module (Phase::decode/validate), bind WASI
//    (stdout/stderr → the container's OutputBuffer, no stdin, no preopens, argv = [name]) and
//    the "tc" imports (tc_imports.hpp), instantiate (the module's own start section gets at
//    most kStartSectionFuel). The Store's limits come from the metadata: max_memory_pages =
//    limits.memory_pages, max_call_depth = limits.call_depth, value stack =
//    clamp(16 × call_depth, 4096, 2^20) cells.
//  * Exports: a *periodic* container exports `loop` (no params; result none or i32:
//    0 = continue, non-zero = finished) and optionally `start` (i32 result: non-zero =
//    failed) and `stop`; a reactor's `_initialize` runs first in the start phase. A module
//    without `loop` that exports `_start` is a *one-shot* program (WASI command): it runs in
//    its loop phases, sliced, until it returns (finished) or proc_exit(n) (0 → finished,
//    otherwise failed with exit_code n). A module with neither is Error(Phase::config).
//    proc_exit(0) in any periodic phase finishes the container; proc_exit(n≠0) fails it.
//  * Memory: the Execution (value + frame stacks) exists only while a phase is in progress
//    (including a preempted one); an idle container holds no stacks.
#pragma once

#include "host/runtime.hpp"

namespace tc::host {

inline constexpr std::uint64_t kStartSectionFuel = 10'000'000;

class WasmRuntime final : public Runtime {
 public:
  [[nodiscard]] std::string_view type_id() const noexcept override { return "wasm"; }
  Result<std::unique_ptr<Instance>> create(const metadata::Metadata& metadata,
                                           std::span<const std::uint8_t> code,
                                           std::span<const std::uint8_t> data,
                                           const InstanceEnv& env) override;
};

}  // namespace tc::host
