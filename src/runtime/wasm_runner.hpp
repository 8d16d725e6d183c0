// tinycontainer runtime — the WebAssembly runner: one wasm32-wasi command module run
// under the engine (src/wasm) with the WASI layer (src/wasm/wasi), mapped to tc::Outcome.
//
// Contract (one call = one fresh Store, instance and WASI context; nothing survives it):
// - load/validate failure → setup_error, reason "decode: ..." / "validate: ...";
//   instantiation failure → setup_error "instantiate: ..." (initial memory above the
//   limit → memory_limit); a missing/unreadable module or preopen → setup_error.
// - `_start` returns, or proc_exit(0) → ok (exit 0); proc_exit(n != 0) → runtime_error
//   with exit_code n; a trap → runtime_error with the trap text as reason (exit_code unset).
// - Execution runs in fuel slices; between slices the wall clock is checked. Fuel budget
//   spent → time_limit "fuel"; wall time exceeded → time_limit "wall" (the granularity
//   is one slice). A run that fails (trap or exit != 0) after memory.grow was refused by
//   max_memory_bytes → memory_limit (detected exactly: the cap is enforced in the
//   Platform's realloc_zeroed, which the engine uses only for memory.grow; a grow that
//   fails is not an error by itself, the guest may cope with it). stdout/stderr beyond output_limit_bytes → output_limit (the run is
//   stopped, the streams keep the first output_limit_bytes with truncated = true).
// - usage: wall (whole call), user/sys (getrusage(RUSAGE_THREAD) deltas), fuel_used,
//   peak_memory_bytes = final size of linear memory 0 (wasm memories never shrink).
// - Never throws for bad input; allocation failure is the only exception source.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runtime/outcome.hpp"
#include "wasm/wasi/context.hpp"

namespace tc {

struct WasmRunRequest {
  std::string module_path;                 // read when module_bytes is empty
  std::vector<std::uint8_t> module_bytes;
  std::string program_name;                // argv[0]; default: module_path's file name
  std::vector<std::string> args;           // argv[1..]
  std::vector<std::string> env;            // "KEY=VALUE"
  std::vector<wasi::Preopen> preopens;     // --dir HOST:GUEST
  std::string stdin_data;
  std::optional<std::uint64_t> fuel;       // instruction budget; unset = unlimited
  std::optional<std::uint64_t> max_memory_bytes;  // linear memory cap (rounded down to pages)
  std::optional<double> wall_time_seconds;
  std::uint64_t output_limit_bytes = 16u << 20;   // per stream
  std::uint64_t fuel_slice = 20'000'000;   // fuel per run() between wall-clock checks
  std::string entry = "_start";
};

[[nodiscard]] Outcome run_wasm(const WasmRunRequest& request);

// "HOST:GUEST" (or "HOST", guest = HOST; suffix ":ro" = read-only) → Preopen.
[[nodiscard]] Result<wasi::Preopen> parse_dir_mapping(const std::string& spec);

}  // namespace tc
