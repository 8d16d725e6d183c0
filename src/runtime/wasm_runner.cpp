#include "runtime/wasm_runner.hpp"

#include <sys/resource.h>

#include <chrono>
#include <fstream>
#include <iterator>

#include "wasm/execution.hpp"
#include "wasm/module.hpp"
#include "wasm/store.hpp"
#include "wasm/wasi/bind.hpp"
#include "wasm/wasi/io.hpp"

namespace tc {
namespace {

using Clock = std::chrono::steady_clock;
namespace w = tc::wasm;

double seconds(const timeval& tv) { return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6; }

struct CpuTimes {
  double user = 0, sys = 0;
};
CpuTimes cpu_now() {
  rusage ru{};
  getrusage(RUSAGE_THREAD, &ru);
  return {seconds(ru.ru_utime), seconds(ru.ru_stime)};
}

Outcome setup_error(std::string reason) {
  Outcome o;
  o.status = Status::setup_error;
  o.reason = std::move(reason);
  return o;
}

Result<std::vector<std::uint8_t>> read_module(const WasmRunRequest& r) {
  if (!r.module_bytes.empty()) return r.module_bytes;
  std::ifstream in(r.module_path, std::ios::binary);
  if (!in) return sys_error(Phase::io, "cannot open module " + r.module_path);
  std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return sys_error(Phase::io, "cannot read module " + r.module_path);
  return bytes;
}

std::string program_name(const WasmRunRequest& r) {
  if (!r.program_name.empty()) return r.program_name;
  const auto slash = r.module_path.rfind('/');
  const std::string base = slash == std::string::npos ? r.module_path : r.module_path.substr(slash + 1);
  return base.empty() ? "main.wasm" : base;
}

// A Platform that forwards to the default one but refuses to grow a linear memory past
// `cap` bytes and remembers that it did. realloc_zeroed is used by the engine only for
// Memory::grow (platform.hpp), so a refusal here is exactly "memory.grow hit the limit".
struct MemoryCap {
  w::Platform base = w::default_platform();
  std::uint64_t cap = ~std::uint64_t{0};
  bool denied = false;

  w::Platform platform() {
    w::Platform p = base;
    p.ctx = this;
    p.alloc_zeroed = [](void* c, std::size_t n) {
      auto* self = static_cast<MemoryCap*>(c);
      return self->base.alloc_zeroed(self->base.ctx, n);
    };
    p.realloc_zeroed = [](void* c, void* old, std::size_t old_n, std::size_t new_n) -> void* {
      auto* self = static_cast<MemoryCap*>(c);
      if (new_n > self->cap) {
        self->denied = true;
        return nullptr;
      }
      return self->base.realloc_zeroed(self->base.ctx, old, old_n, new_n);
    };
    p.free = [](void* c, void* q, std::size_t n) {
      auto* self = static_cast<MemoryCap*>(c);
      self->base.free(self->base.ctx, q, n);
    };
    p.clock_ns = [](void* c, int id, std::uint64_t* out) {
      auto* self = static_cast<MemoryCap*>(c);
      return self->base.clock_ns(self->base.ctx, id, out);
    };
    p.random = [](void* c, void* buf, std::size_t n) {
      auto* self = static_cast<MemoryCap*>(c);
      return self->base.random(self->base.ctx, buf, n);
    };
    p.write = [](void* c, int fd, const void* buf, std::size_t n) {
      auto* self = static_cast<MemoryCap*>(c);
      return self->base.write(self->base.ctx, fd, buf, n);
    };
    return p;
  }
};

// Everything one run needs, destroyed (host fds closed, memory freed) when it goes.
struct RunState {
  wasi::BoundedSink out, err;
  wasi::BufferSource in;
  wasi::PosixHost host;
  std::unique_ptr<wasi::WasiContext> ctx;
  RunState(const WasmRunRequest& r) : out(r.output_limit_bytes), err(r.output_limit_bytes), in(r.stdin_data) {}
};

void finish_streams(Outcome& o, RunState& s) {
  o.stdout_stream.total_bytes = s.out.total_bytes();
  o.stdout_stream.truncated = s.out.truncated();
  o.stdout_stream.data = s.out.take();
  o.stderr_stream.total_bytes = s.err.total_bytes();
  o.stderr_stream.truncated = s.err.truncated();
  o.stderr_stream.data = s.err.take();
}

// Maps the end of execution (anything but out_of_fuel) to the outcome's status.
void map_result(Outcome& o, const w::RunResult& r, const RunState& s, const MemoryCap& cap) {
  switch (r.status) {
    case w::RunStatus::completed:
      o.status = Status::ok;
      o.exit_code = 0;
      break;
    case w::RunStatus::exited:
      o.exit_code = r.exit_code;
      o.status = r.exit_code == 0 ? Status::ok : Status::runtime_error;
      break;
    case w::RunStatus::trapped:
      o.status = Status::runtime_error;
      o.reason = r.trap == w::TrapKind::host_trap && r.host_reason ? r.host_reason
                                                                   : std::string(w::trap_message(r.trap));
      if (s.ctx->output_limit_hit) {
        o.status = Status::output_limit;
        o.reason = "output";
      }
      break;
    default:
      o.status = Status::internal_error;
      o.reason = "execution ended in an unexpected state";
      return;
  }
  // A run that failed after memory.grow was refused failed for want of memory.
  if (o.status == Status::runtime_error && cap.denied) {
    o.status = Status::memory_limit;
    o.reason = "linear memory limit (" + std::to_string(cap.cap) + " bytes) reached; then: " + o.reason;
  }
}

}  // namespace

Result<wasi::Preopen> parse_dir_mapping(const std::string& spec) {
  wasi::Preopen p;
  std::string s = spec;
  if (s.size() > 3 && s.ends_with(":ro")) {
    p.read_only = true;
    s.resize(s.size() - 3);
  }
  const auto colon = s.find(':');
  p.host_path = s.substr(0, colon);
  p.guest_path = colon == std::string::npos ? p.host_path : s.substr(colon + 1);
  if (p.host_path.empty() || p.guest_path.empty()) {
    return make_error(Phase::usage, "--dir expects HOST:GUEST[:ro], got '" + spec + "'");
  }
  return p;
}

Outcome run_wasm(const WasmRunRequest& req) {
  const auto t0 = Clock::now();
  const CpuTimes cpu0 = cpu_now();
  auto finish = [&](Outcome o) {
    o.usage.wall_seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    const CpuTimes cpu1 = cpu_now();
    o.usage.user_seconds = cpu1.user - cpu0.user;
    o.usage.sys_seconds = cpu1.sys - cpu0.sys;
    return o;
  };

  auto bytes = read_module(req);
  if (!bytes) return finish(setup_error(bytes.error().describe()));
  w::Limits limits;
  MemoryCap cap;
  if (req.max_memory_bytes) cap.cap = *req.max_memory_bytes / w::kPageSize * w::kPageSize;
  auto module = w::load_module(*bytes, limits);
  if (!module) return finish(setup_error(module.error().describe()));

  RunState state(req);
  wasi::WasiConfig cfg;
  cfg.args.push_back(program_name(req));
  cfg.args.insert(cfg.args.end(), req.args.begin(), req.args.end());
  cfg.env = req.env;
  cfg.preopens = req.preopens;
  cfg.stdin_source = &state.in;
  cfg.stdout_sink = &state.out;
  cfg.stderr_sink = &state.err;
  cfg.host = &state.host;
  auto ctx = wasi::WasiContext::create(std::move(cfg));
  if (!ctx) return finish(setup_error(ctx.error().describe()));
  state.ctx = std::move(*ctx);

  w::Store store(limits, cap.platform());
  w::Imports imports;
  if (auto b = wasi::bind_wasi(store, **module, *state.ctx, imports); !b) {
    return finish(setup_error(b.error().describe()));
  }
  w::InstantiateOptions opts;
  if (req.fuel) opts.start_fuel = *req.fuel;
  auto inst = store.instantiate(*module, imports, opts);
  if (!inst) {
    Outcome o = setup_error(inst.error().describe());
    if (cap.denied) o.status = Status::memory_limit;
    return finish(std::move(o));
  }
  if (const w::Memory* m = (*inst)->memory0(); m != nullptr && m->size_bytes > cap.cap) {
    Outcome o;
    o.status = Status::memory_limit;
    o.reason = "initial linear memory (" + std::to_string(m->size_bytes) + " bytes) exceeds the limit";
    return finish(std::move(o));
  }
  w::Execution exec(store);
  if (auto s = exec.start(**inst, req.entry, {}); !s) return finish(setup_error(s.error().describe()));

  Outcome o;
  std::uint64_t used = 0;
  const std::uint64_t budget = req.fuel.value_or(w::kFuelUnlimited);
  const auto deadline = req.wall_time_seconds
                            ? std::optional(t0 + std::chrono::duration_cast<Clock::duration>(
                                                     std::chrono::duration<double>(*req.wall_time_seconds)))
                            : std::nullopt;
  const std::uint64_t slice = std::max<std::uint64_t>(req.fuel_slice, 1);
  for (;;) {
    const std::uint64_t left = budget == w::kFuelUnlimited ? w::kFuelUnlimited : budget - used;
    const std::uint64_t this_slice = deadline ? std::min(slice, left) : left;
    const w::RunResult r = exec.run(this_slice);
    used += r.fuel_used;
    if (r.status != w::RunStatus::out_of_fuel) {
      map_result(o, r, state, cap);
      break;
    }
    if (budget != w::kFuelUnlimited && used >= budget) {
      o.status = Status::time_limit;
      o.reason = "fuel";
      break;
    }
    if (deadline && Clock::now() >= *deadline) {
      o.status = Status::time_limit;
      o.reason = "wall";
      break;
    }
  }
  o.usage.fuel_used = used;
  if (const w::Memory* m = (*inst)->memory0()) o.usage.peak_memory_bytes = m->size_bytes;
  finish_streams(o, state);
  return finish(std::move(o));
}

}  // namespace tc
