// Scheduler overhead, capacity at a 10 ms period and host memory per idle container
// (docs/BENCHMARKS.md "Container host"). Each case runs a real host (make_host) with N
// containers of an empty `loop` for one second of wall time (Iterations(1)).
//   BM_SchedulerPerLoop/N   process CPU time / completed loops, period 1 ms
//   BM_Sustain10ms/N        completed / expected loops at a 10 ms period (1.0 = all on time)
//   BM_IdleMemory/N         heap bytes (mallinfo2) per loaded+started idle container
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <time.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "guests.hpp"
#include "host/host.hpp"

namespace tc::host::bench {
namespace {

using namespace std::chrono_literals;

std::vector<std::uint8_t> meta(int i, const std::string& period) {
  nlohmann::json m{{"version", 1},
                   {"uid", "c" + std::to_string(i)},
                   {"name", "bench"},
                   {"runtime", "wasm"},
                   {"code", "idle.wasm"},
                   {"scheduling", {{"loop_period", period}, {"priority", 8}}},
                   {"limits", {{"memory_pages", 1}, {"call_depth", 64}}},
                   {"endpoints", nlohmann::json::array()}};
  const std::string s = m.dump();
  return {s.begin(), s.end()};
}

double cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

std::unique_ptr<HostControl> host_with(int n, const std::string& period, const char* module = "idle") {
  auto h = make_host(HostConfig{});
  if (!h) return nullptr;
  const auto code = guest(module);
  for (int i = 0; i < n; ++i) {
    auto uid = (*h)->load(LoadRequest{meta(i, period), code, {}});
    if (!uid || !(*h)->start(*uid)) return nullptr;
  }
  return std::move(*h);
}

std::uint64_t total_loops(HostControl& h) {
  std::uint64_t n = 0;
  for (const auto& s : h.list()) n += s.stats.loops;
  return n;
}
std::uint64_t total_missed(HostControl& h) {
  std::uint64_t n = 0;
  for (const auto& s : h.list()) n += s.stats.missed_periods;
  return n;
}

void run_for_a_second(benchmark::State& state, const std::string& period, double period_s) {
  const int n = static_cast<int>(state.range(0));
  for (auto _ : state) {
    auto h = host_with(n, period);
    if (!h) { state.SkipWithError("host setup failed"); return; }
    std::this_thread::sleep_for(100ms);  // warm up: every container has started
    const std::uint64_t l0 = total_loops(*h), m0 = total_missed(*h);
    const double c0 = cpu_seconds();
    const auto t0 = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(1s);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const double cpu = cpu_seconds() - c0;
    const std::uint64_t loops = total_loops(*h) - l0;
    state.counters["loops_per_s"] = static_cast<double>(loops) / wall;
    state.counters["cpu_ns_per_loop"] = loops ? cpu * 1e9 / static_cast<double>(loops) : 0;
    state.counters["on_time_ratio"] = static_cast<double>(loops) / (n * wall / period_s);
    state.counters["cpu_util"] = cpu / wall;
    state.counters["missed_periods"] = static_cast<double>(total_missed(*h) - m0);
  }
}

void BM_SchedulerPerLoop(benchmark::State& state) { run_for_a_second(state, "1ms", 0.001); }
BENCHMARK(BM_SchedulerPerLoop)->Arg(1)->Arg(10)->Arg(100)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_Sustain10ms(benchmark::State& state) { run_for_a_second(state, "10ms", 0.010); }
BENCHMARK(BM_Sustain10ms)->Arg(100)->Arg(1000)->Arg(2000)->Arg(4000)->Arg(8000)->Iterations(1)->Unit(benchmark::kMillisecond);

std::size_t heap_in_use() {
  const struct mallinfo2 mi = mallinfo2();
  return mi.uordblks + mi.hblkhd;
}

// Idle = loaded, started, its first loop done, waiting for the next period (1 h away).
void idle_memory(benchmark::State& state, const char* module, std::size_t linear_bytes) {
  const int n = static_cast<int>(state.range(0));
  for (auto _ : state) {
    auto h = make_host(HostConfig{});
    if (!h) { state.SkipWithError("make_host failed"); return; }
    const auto code = guest(module);
    std::this_thread::sleep_for(20ms);
    const std::size_t before = heap_in_use();
    for (int i = 0; i < n; ++i) {
      auto uid = (*h)->load(LoadRequest{meta(i, "3600s"), code, {}});
      if (!uid || !(*h)->start(*uid)) { state.SkipWithError("load/start failed"); return; }
    }
    while (total_loops(**h) < static_cast<std::uint64_t>(n)) std::this_thread::sleep_for(5ms);
    const std::size_t after = heap_in_use();
    const double per = (static_cast<double>(after) - static_cast<double>(before)) / n;
    state.counters["bytes_per_container"] = per - static_cast<double>(linear_bytes);
    state.counters["linear_bytes_excluded"] = static_cast<double>(linear_bytes);
  }
}
void BM_IdleMemory(benchmark::State& state) { idle_memory(state, "idle", 0); }
void BM_IdleMemoryWithPage(benchmark::State& state) { idle_memory(state, "idle_mem", 65536); }
BENCHMARK(BM_IdleMemory)->Arg(1000)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_IdleMemoryWithPage)->Arg(1000)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tc::host::bench
