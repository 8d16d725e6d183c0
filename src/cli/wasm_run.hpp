// tinycontainer run — the WebAssembly path: `tinycontainer run app.wasm -- ARGS`.
//
// Contract: is_wasm_module(path) is true when `path` is a readable regular file that
// starts with the wasm magic "\0asm" (the auto-detection of `--runtime auto`).
// make_wasm_request() turns the shared run options (wall time, output limit, memory,
// environment, stdin) and the wasm-only ones (--fuel, --dir HOST:GUEST[:ro]) into a
// WasmRunRequest; every problem is a Phase::usage error naming the flag. The module runs
// in-process under our engine (runtime/wasm_runner.hpp): memory-safe, no host access but
// the preopened directories, output through bounded buffers, fuel slices so the wall
// clock is enforced. `--memory` caps linear memory ("max": the engine's 4 GiB limit).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "runtime/wasm_runner.hpp"

namespace tc::cli {

struct WasmRunText {
  std::string fuel;               // instruction budget; empty = unlimited
  std::vector<std::string> dirs;  // --dir HOST:GUEST[:ro]
};

struct SharedRunText {
  std::string wall_time;
  std::string output_limit;
  std::string memory;  // "max"/"none" = no cap below the engine's own
  std::vector<std::string> env;
  std::string stdin_file;
  std::optional<std::string> stdin_string;
};

[[nodiscard]] bool is_wasm_module(const std::string& path) noexcept;

[[nodiscard]] Result<WasmRunRequest> make_wasm_request(const std::vector<std::string>& command,
                                                       const SharedRunText& shared,
                                                       const WasmRunText& wasm);

}  // namespace tc::cli
