// tinycontainer WASI — the wasi_snapshot_preview1 functions this layer implements.
//
// Contract: each function is a tc::wasm::HostFn whose HostContext::user is the guest's
// WasiContext. Arguments follow the witx signatures (pointers and sizes are i32, i64
// for offsets/timestamps/rights); every pointer is bounds-checked (errno `fault`),
// unknown fds give `badf`, missing rights `notcapable`, and the result is the errno as
// i32. proc_exit ends the run through HostContext::exit. A write to stdout/stderr
// beyond the sink's budget sets WasiContext::output_limit_hit and traps
// ("output limit exceeded").
#pragma once

#include <span>
#include <string_view>

#include "wasm/store.hpp"

namespace tc::wasi {

using tc::wasm::HostContext;
using tc::wasm::HostStatus;
using tc::wasm::Value;

// args / environ / clocks / random / exit (wasi_args.cpp)
HostStatus args_get(HostContext& ctx, const Value* args, Value* results);
HostStatus args_sizes_get(HostContext& ctx, const Value* args, Value* results);
HostStatus environ_get(HostContext& ctx, const Value* args, Value* results);
HostStatus environ_sizes_get(HostContext& ctx, const Value* args, Value* results);
HostStatus clock_res_get(HostContext& ctx, const Value* args, Value* results);
HostStatus clock_time_get(HostContext& ctx, const Value* args, Value* results);
HostStatus random_get(HostContext& ctx, const Value* args, Value* results);
HostStatus proc_exit(HostContext& ctx, const Value* args, Value* results);
HostStatus sched_yield(HostContext& ctx, const Value* args, Value* results);

// descriptors (wasi_fd.cpp)
HostStatus fd_read(HostContext& ctx, const Value* args, Value* results);
HostStatus fd_write(HostContext& ctx, const Value* args, Value* results);
HostStatus fd_seek(HostContext& ctx, const Value* args, Value* results);
HostStatus fd_tell(HostContext& ctx, const Value* args, Value* results);
HostStatus fd_close(HostContext& ctx, const Value* args, Value* results);
HostStatus fd_fdstat_get(HostContext& ctx, const Value* args, Value* results);
HostStatus fd_filestat_get(HostContext& ctx, const Value* args, Value* results);
HostStatus fd_prestat_get(HostContext& ctx, const Value* args, Value* results);
HostStatus fd_prestat_dir_name(HostContext& ctx, const Value* args, Value* results);
HostStatus fd_readdir(HostContext& ctx, const Value* args, Value* results);

// paths below preopened directories (wasi_path.cpp)
HostStatus path_open(HostContext& ctx, const Value* args, Value* results);

// Any other wasi_snapshot_preview1 import: returns `nosys`.
HostStatus unsupported(HostContext& ctx, const Value* args, Value* results);

// One implemented function: its import name, its signature as "params:results" with
// one letter per value ('i' = i32, 'I' = i64), and its implementation.
struct FunctionDef {
  std::string_view name;
  std::string_view signature;
  tc::wasm::HostFn fn;
};
[[nodiscard]] std::span<const FunctionDef> function_table() noexcept;

}  // namespace tc::wasi
