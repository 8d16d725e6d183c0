// Fuzz target (b): instantiate + run with fuel. Every import is satisfied with a stub of
// its type (host functions return zeros), every exported function is called with zero
// arguments under a small fuel budget split in two slices (exercising resumption), with
// small memory/table/stack limits. Traps and exhaustion are fine; crashes, hangs, leaks
// and sanitizer reports are bugs.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "wasm/execution.hpp"
#include "wasm/module.hpp"
#include "wasm/store.hpp"

namespace {

using namespace tc::wasm;

constexpr std::uint64_t kFuelPerCall = 20'000;
constexpr std::size_t kMaxCalls = 16;

HostStatus zero_results(HostContext& ctx, const Value*, Value* results) {
  const auto* type = static_cast<const FuncType*>(ctx.user);
  for (std::size_t i = 0; i < type->results.size(); ++i) results[i] = Value{};
  return HostStatus::ok;
}

bool bind_stubs(Store& store, const Module& m, Imports& imports) {
  for (const Import& im : m.imports) {
    Extern e{im.kind, nullptr};
    switch (im.kind) {
      case ExternKind::func: {
        const FuncType& t = m.types[im.func_type];
        e.object = store.create_host_function(t, &zero_results, const_cast<FuncType*>(&t));
        break;
      }
      case ExternKind::memory: {
        auto mem = store.create_memory(im.memory);
        if (!mem) return false;
        e.object = *mem;
        break;
      }
      case ExternKind::table: {
        auto t = store.create_table(im.table);
        if (!t) return false;
        e.object = *t;
        break;
      }
      case ExternKind::global:
        e.object = store.create_global(im.global, Value{});
        break;
    }
    imports.add(im.module, im.name, e);
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  Limits limits;
  limits.max_module_bytes = 1u << 20;
  limits.max_memory_pages = 32;        // 2 MiB
  limits.max_table_elements = 10'000;
  limits.max_call_depth = 500;
  limits.max_value_stack = 1u << 16;
  auto m = load_module(std::span<const std::uint8_t>(data, size), limits);
  if (!m) return 0;
  Store store(limits);
  Imports imports;
  if (!bind_stubs(store, **m, imports)) return 0;
  InstantiateOptions opts;
  opts.start_fuel = kFuelPerCall;
  auto inst = store.instantiate(*m, imports, opts);
  if (!inst) return 0;
  Execution exec(store);
  std::size_t calls = 0;
  for (const Export& ex : (*m)->exports) {
    if (ex.kind != ExternKind::func || calls++ >= kMaxCalls) continue;
    Function* f = (*inst)->find_function(ex.name);
    if (f == nullptr) continue;
    std::vector<Value> args(f->type->params.size());
    if (!exec.start(f, args)) continue;
    RunResult r = exec.run(kFuelPerCall / 2);
    if (r.status == RunStatus::out_of_fuel) r = exec.run(kFuelPerCall / 2);
    if (r.status == RunStatus::out_of_fuel) exec.reset();
  }
  return 0;
}
