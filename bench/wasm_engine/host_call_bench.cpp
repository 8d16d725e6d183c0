// Host-call round trip (wasm → host function → wasm) and invocation cost, measured with
// Google Benchmark. The module (wat below) loops N times; one variant calls an imported
// host function per iteration, the other an identical internal wasm function, the third
// does nothing. Per-iteration time difference = cost of the call.
//
// (module
//   (import "env" "h" (func $h (param i32) (result i32)))
//   (func $w (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
//   (func (export "host_loop") (param $n i32) (result i32) (local $i i32) (local $acc i32)
//     (loop $l
//       (local.set $acc (call $h (local.get $acc)))
//       (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
//     (local.get $acc))
//   (func (export "wasm_loop") ... same with (call $w ...))
//   (func (export "empty_loop") ... same with (i32.add (local.get $acc) (i32.const 1))))
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <vector>

#include "wasm/execution.hpp"
#include "wasm/module.hpp"
#include "wasm/store.hpp"

namespace {

using namespace tc::wasm;

const std::uint8_t kModule[] = {
#include "host_call.wasm.inc"
};

HostStatus host_inc(HostContext&, const Value* args, Value* results) {
  results[0] = Value::i32(args[0].as_u32() + 1);
  return HostStatus::ok;
}

struct Env {
  Env() {
    auto m = load_module(kModule);
    if (!m) std::abort();
    Imports imports;
    imports.add("env", "h",
                Extern{ExternKind::func, store.create_host_function({{ValType::i32}, {ValType::i32}}, host_inc)});
    auto i = store.instantiate(*m, imports);
    if (!i) std::abort();
    inst = *i;
  }
  Store store;
  Instance* inst = nullptr;
};

void run_loop(benchmark::State& state, const char* name) {
  Env env;
  Execution ex(env.store);
  const std::int64_t n = 1'000'000;
  for (auto _ : state) {
    if (!ex.start(*env.inst, name, std::vector<Value>{Value::i32(static_cast<std::uint32_t>(n))})) std::abort();
    const RunResult r = ex.run();
    if (r.status != RunStatus::completed || ex.results()[0].as_u32() != n) std::abort();
    benchmark::DoNotOptimize(ex.results()[0]);
  }
  state.SetItemsProcessed(state.iterations() * n);  // items/s = loop iterations per second
}

void BM_HostCallLoop(benchmark::State& s) { run_loop(s, "host_loop"); }
void BM_WasmCallLoop(benchmark::State& s) { run_loop(s, "wasm_loop"); }
void BM_EmptyLoop(benchmark::State& s) { run_loop(s, "empty_loop"); }

// Embedder → wasm: start() + run() of a tiny export (argument passing, frame setup).
void BM_InvokeFromHost(benchmark::State& state) {
  Env env;
  Execution ex(env.store);
  Function* f = env.inst->find_function("wasm_loop");
  const Value arg = Value::i32(1);
  for (auto _ : state) {
    (void)ex.start(f, std::span<const Value>(&arg, 1));
    benchmark::DoNotOptimize(ex.run());
  }
}

BENCHMARK(BM_HostCallLoop)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WasmCallLoop)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EmptyLoop)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_InvokeFromHost);

}  // namespace

BENCHMARK_MAIN();
