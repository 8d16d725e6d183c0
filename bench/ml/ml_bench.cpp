// TinyML benchmarks: the digits MLP (64-32-10, Gemm/Relu/Gemm/Softmax) per inference
//  (a) computed inside the container by our interpreted wasm      BM_Wasm_InContainer
//  (b) through the ml host service from the container             BM_Wasm_HostService(_Int8)
//  and the pieces of (b): the endpoint call round trip with an empty request
//  (BM_Wasm_EmptyEndpointCall), the service called natively (BM_Native_ServiceInfer),
//  the plan alone (BM_Native_PlanRun), validation + compilation of the model (cold start).
// Run: build/bench/ml/ml_bench   (bench/ml/run.sh prints the speedup table)
#include <benchmark/benchmark.h>

#include <cstring>
#include <fstream>
#include <iterator>

#include "guest_harness.hpp"
#include "ml/plan.hpp"
#include "ml/request.hpp"

namespace {

using tc::ml::MlService;
using tc::ml::test::GuestHarness;

std::vector<std::uint8_t> read(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void guest_bench(benchmark::State& state, const char* export_name) {
  MlService svc;
  auto h = GuestHarness::create(TC_ML_DIGITS_WASM, svc, true);
  if (!h || *(*h)->call("bench_open") != 0) {
    state.SkipWithError("cannot instantiate the ml-digits guest");
    return;
  }
  std::int32_t i = 0;
  for (auto _ : state) {
    const std::int32_t arg[] = {i++};
    auto r = (*h)->call(export_name, arg);
    benchmark::DoNotOptimize(r);
  }
}

void BM_Wasm_InContainer(benchmark::State& s) { guest_bench(s, "bench_wasm"); }
void BM_Wasm_HostService(benchmark::State& s) { guest_bench(s, "bench_host"); }
void BM_Wasm_HostService_Int8(benchmark::State& s) { guest_bench(s, "bench_host_int8"); }

void BM_Wasm_EmptyEndpointCall(benchmark::State& state) {
  MlService svc;
  auto h = GuestHarness::create(TC_ML_DIGITS_WASM, svc, true);
  if (!h || *(*h)->call("bench_open") != 0) {
    state.SkipWithError("cannot instantiate the ml-digits guest");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize((*h)->call("bench_empty_call"));
}

struct NativeSetup {
  std::vector<std::uint8_t> mem, req;
  std::size_t out_off = 0;
  explicit NativeSetup(const std::vector<std::uint8_t>& model) {
    mem.resize(model.size() + 256 + 64);
    std::memcpy(mem.data(), model.data(), model.size());
    const float x = 0.5f;
    for (std::size_t k = 0; k < 64; ++k) std::memcpy(mem.data() + model.size() + k * 4, &x, 4);
    out_off = model.size() + 256;
    const std::uint32_t r[4] = {0, static_cast<std::uint32_t>(model.size()), static_cast<std::uint32_t>(model.size()), 256};
    req.resize(16);
    std::memcpy(req.data(), r, 16);
  }
};

void BM_Native_ServiceInfer(benchmark::State& state) {
  MlService svc;
  NativeSetup n(read(TC_ML_MODEL_DIR "/digits_mlp.onnx"));
  for (auto _ : state)
    benchmark::DoNotOptimize(svc.infer("c", n.mem, n.req, std::span(n.mem).subspan(n.out_off, 40)));
}

void BM_Native_PlanRun(benchmark::State& state) {
  auto plan = tc::ml::load_model(read(TC_ML_MODEL_DIR "/digits_mlp.onnx"), {});
  std::vector<float> x(64, 0.5f), y(10);
  for (auto _ : state) {
    (*plan)->run({reinterpret_cast<const std::uint8_t*>(x.data()), 256}, {reinterpret_cast<std::uint8_t*>(y.data()), 40});
    benchmark::DoNotOptimize(y.data());
  }
}

void BM_Native_ValidateAndCompile(benchmark::State& state) {
  const auto model = read(TC_ML_MODEL_DIR "/digits_mlp.onnx");
  for (auto _ : state) benchmark::DoNotOptimize(tc::ml::load_model(model, {}));
}

BENCHMARK(BM_Wasm_InContainer)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Wasm_HostService)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Wasm_HostService_Int8)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Wasm_EmptyEndpointCall)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Native_ServiceInfer)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Native_PlanRun)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Native_ValidateAndCompile)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
