// args, environ, clocks, random, proc_exit (wasi_snapshot_preview1).
#include <string>
#include <vector>

#include "wasm/wasi/context.hpp"
#include "wasm/wasi/functions.hpp"
#include "wasm/wasi/guest_memory.hpp"

namespace tc::wasi {
namespace {

HostStatus ret(Value* results, Errno e) {
  results[0] = Value::i32(static_cast<std::uint32_t>(e));
  return HostStatus::ok;
}

WasiContext& wasi(HostContext& ctx) { return *static_cast<WasiContext*>(ctx.user); }

// Writes a list of NUL-terminated strings: pointers at `ptrs`, bytes at `buf`.
Errno put_strings(HostContext& ctx, const std::vector<std::string>& list, std::uint32_t ptrs,
                  std::uint32_t buf) {
  GuestMemory mem(ctx);
  std::uint64_t at = buf;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!mem.store<std::uint32_t>(ptrs + 4ull * i, static_cast<std::uint32_t>(at))) return Errno::fault;
    if (!mem.copy_in(at, list[i]) || !mem.store<std::uint8_t>(at + list[i].size(), 0)) return Errno::fault;
    at += list[i].size() + 1;
  }
  return Errno::success;
}

Errno put_sizes(HostContext& ctx, const std::vector<std::string>& list, std::uint32_t count_ptr,
                std::uint32_t size_ptr) {
  std::uint64_t bytes = 0;
  for (const std::string& s : list) bytes += s.size() + 1;
  GuestMemory mem(ctx);
  if (!mem.store<std::uint32_t>(count_ptr, static_cast<std::uint32_t>(list.size())) ||
      !mem.store<std::uint32_t>(size_ptr, static_cast<std::uint32_t>(bytes))) {
    return Errno::fault;
  }
  return Errno::success;
}

}  // namespace

HostStatus args_get(HostContext& ctx, const Value* a, Value* r) {
  return ret(r, put_strings(ctx, wasi(ctx).config().args, a[0].as_u32(), a[1].as_u32()));
}
HostStatus args_sizes_get(HostContext& ctx, const Value* a, Value* r) {
  return ret(r, put_sizes(ctx, wasi(ctx).config().args, a[0].as_u32(), a[1].as_u32()));
}
HostStatus environ_get(HostContext& ctx, const Value* a, Value* r) {
  return ret(r, put_strings(ctx, wasi(ctx).config().env, a[0].as_u32(), a[1].as_u32()));
}
HostStatus environ_sizes_get(HostContext& ctx, const Value* a, Value* r) {
  return ret(r, put_sizes(ctx, wasi(ctx).config().env, a[0].as_u32(), a[1].as_u32()));
}

HostStatus clock_res_get(HostContext& ctx, const Value* a, Value* r) {
  std::uint64_t ns = 0;
  const Errno e = wasi(ctx).host().clock_res(a[0].as_u32(), &ns);
  if (e != Errno::success) return ret(r, e);
  return ret(r, GuestMemory(ctx).store<std::uint64_t>(a[1].as_u32(), ns) ? Errno::success : Errno::fault);
}

HostStatus clock_time_get(HostContext& ctx, const Value* a, Value* r) {
  // a[1] is the requested precision: a hint we may ignore.
  std::uint64_t ns = 0;
  const Errno e = wasi(ctx).host().clock_time(a[0].as_u32(), &ns);
  if (e != Errno::success) return ret(r, e);
  return ret(r, GuestMemory(ctx).store<std::uint64_t>(a[2].as_u32(), ns) ? Errno::success : Errno::fault);
}

HostStatus random_get(HostContext& ctx, const Value* a, Value* r) {
  const std::uint32_t len = a[1].as_u32();
  std::uint8_t* p = GuestMemory(ctx).bytes(a[0].as_u32(), len);
  if (p == nullptr) return ret(r, Errno::fault);
  return ret(r, wasi(ctx).host().random(std::span<std::uint8_t>(p, len)));
}

HostStatus proc_exit(HostContext& ctx, const Value* a, Value*) {
  return ctx.exit(a[0].as_i32());
}

HostStatus sched_yield(HostContext&, const Value*, Value* r) { return ret(r, Errno::success); }

HostStatus unsupported(HostContext&, const Value*, Value* r) { return ret(r, Errno::nosys); }

std::span<const FunctionDef> function_table() noexcept {
  static constexpr FunctionDef kTable[] = {
      {"args_get", "ii:i", &args_get},
      {"args_sizes_get", "ii:i", &args_sizes_get},
      {"environ_get", "ii:i", &environ_get},
      {"environ_sizes_get", "ii:i", &environ_sizes_get},
      {"clock_res_get", "ii:i", &clock_res_get},
      {"clock_time_get", "iIi:i", &clock_time_get},
      {"random_get", "ii:i", &random_get},
      {"proc_exit", "i:", &proc_exit},
      {"sched_yield", ":i", &sched_yield},
      {"fd_read", "iiii:i", &fd_read},
      {"fd_write", "iiii:i", &fd_write},
      {"fd_seek", "iIii:i", &fd_seek},
      {"fd_tell", "ii:i", &fd_tell},
      {"fd_close", "i:i", &fd_close},
      {"fd_fdstat_get", "ii:i", &fd_fdstat_get},
      {"fd_filestat_get", "ii:i", &fd_filestat_get},
      {"fd_prestat_get", "ii:i", &fd_prestat_get},
      {"fd_prestat_dir_name", "iii:i", &fd_prestat_dir_name},
      {"fd_readdir", "iiiIi:i", &fd_readdir},
      {"path_open", "iiiiiIIii:i", &path_open},
  };
  return kTable;
}

}  // namespace tc::wasi
