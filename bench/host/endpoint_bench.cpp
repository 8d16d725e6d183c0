// Endpoint call round trip including the ACL check: a wasm guest calls tc.write on a
// granted endpoint of a trivial service (docs/BENCHMARKS.md "Container host").
//   BM_GuestWriteCall/1000   wasm loop of 1000 tc.write calls  → ns per call (counter)
//   BM_GuestEmptyLoop/1000   the same loop without the call     → the loop's own cost
//   BM_DispatcherWrite       EndpointTable::write from C++ (ACL + handle + service)
#include <benchmark/benchmark.h>

#include "guests.hpp"
#include "host/endpoint_table.hpp"
#include "host/tc_imports.hpp"
#include "wasm/execution.hpp"
#include "wasm/module.hpp"
#include "wasm/store.hpp"

namespace tc::host::bench {
namespace {

namespace w = tc::wasm;
namespace md = tc::metadata;

class NullService final : public Service {
 public:
  std::string_view name() const noexcept override { return "null"; }
  OpenResult open(const OpenRequest&) override {
    OpenResult r;
    r.session = std::make_unique<NullSession>();
    return r;
  }

 private:
  struct NullSession final : Session {
    std::int32_t write(std::span<std::uint8_t>, std::span<const std::uint8_t> in) override {
      return static_cast<std::int32_t>(in.size());
    }
  };
};

struct Rig {
  ServiceRouter router;
  md::Limits limits;
  std::unique_ptr<EndpointTable> table;
  w::Store store;
  w::Instance* inst = nullptr;
  std::int32_t handle = -1;

  Rig() {
    (void)router.add(std::make_unique<NullService>());
    std::vector<md::Endpoint> eps;
    for (std::uint32_t id = 1; id <= 16; ++id)  // a realistic table: 16 grants, binary search
      eps.push_back(md::Endpoint{id, md::PeerType::local, "null", 0, md::Direction::both});
    table = std::make_unique<EndpointTable>("bench", limits,
                                            std::make_shared<const md::PermissionTable>(md::PermissionTable::build(eps)),
                                            router, std::chrono::steady_clock::now());
    auto module = w::load_module(guest("calls"), {});
    if (!module) throw std::runtime_error(module.error().describe());
    w::Imports imports;
    if (auto b = bind_tc(store, **module, *table, imports); !b) throw std::runtime_error(b.error().describe());
    auto i = store.instantiate(*module, imports);
    if (!i) throw std::runtime_error(i.error().describe());
    inst = *i;
    w::Execution exec(store);
    auto r = w::invoke(exec, inst->find_function("open1"), {});
    handle = exec.results()[0].as_i32();
    (void)r;
  }
};

void run_loop(benchmark::State& state, const char* fn) {
  Rig rig;
  w::Execution exec(rig.store);
  w::Function* f = rig.inst->find_function(fn);
  const auto n = static_cast<std::uint32_t>(state.range(0));
  const w::Value args[] = {w::Value::i32(static_cast<std::uint32_t>(rig.handle)), w::Value::i32(n)};
  for (auto _ : state) {
    w::RunResult r = w::invoke(exec, f, args);
    if (r.status != w::RunStatus::completed) state.SkipWithError("guest did not complete");
    benchmark::DoNotOptimize(exec.results()[0].bits);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * n);
  state.counters["ns_per_call"] = benchmark::Counter(static_cast<double>(state.iterations()) * n,
                                                     benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  if (std::string(fn) == "calls" && rig.table->calls() < static_cast<std::uint64_t>(state.iterations()) * n)
    state.SkipWithError("calls were not dispatched");
}

void BM_GuestWriteCall(benchmark::State& state) { run_loop(state, "calls"); }
void BM_GuestEmptyLoop(benchmark::State& state) { run_loop(state, "empty"); }
BENCHMARK(BM_GuestWriteCall)->Arg(1000);
BENCHMARK(BM_GuestEmptyLoop)->Arg(1000);

void BM_DispatcherWrite(benchmark::State& state) {
  Rig rig;
  std::uint8_t mem[16] = {};
  std::span<std::uint8_t> guest_mem(mem);
  for (auto _ : state) benchmark::DoNotOptimize(rig.table->write(rig.handle, guest_mem, guest_mem.subspan(0, 4)));
}
BENCHMARK(BM_DispatcherWrite);

}  // namespace
}  // namespace tc::host::bench
