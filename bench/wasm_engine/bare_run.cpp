// tc-wasm-bare: load an import-free ("bare") kernel module, call its `bench_run`
// export and print the i64 checksum and the time of each phase. Used to tune the
// interpreter against native builds of the same kernels (bench/wasm/kernels).
//
// usage: tc-wasm-bare KERNEL.wasm [REPEAT] [FUEL_SLICE]
//   FUEL_SLICE > 0 runs with run(FUEL_SLICE) in a resume loop (metering overhead).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <vector>

#include "wasm/execution.hpp"
#include "wasm/module.hpp"
#include "wasm/store.hpp"

using namespace tc::wasm;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s KERNEL.wasm [REPEAT] [FUEL_SLICE]\n", argv[0]);
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), {});
  const int repeat = argc > 2 ? std::atoi(argv[2]) : 1;
  const std::uint64_t slice = argc > 3 ? std::strtoull(argv[3], nullptr, 10) : 0;
  const auto t0 = Clock::now();
  auto mod = load_module(bytes);
  if (!mod) {
    std::fprintf(stderr, "load: %s\n", mod.error().describe().c_str());
    return 1;
  }
  const auto t1 = Clock::now();
  for (int r = 0; r < repeat; ++r) {
    Store store;
    auto inst = store.instantiate(*mod, Imports{});
    if (!inst) {
      std::fprintf(stderr, "instantiate: %s\n", inst.error().describe().c_str());
      return 1;
    }
    Execution ex(store);
    if (!ex.start(**inst, "bench_run", {})) return 1;
    const auto t2 = Clock::now();
    RunResult rr;
    std::uint64_t slices = 0;
    do {
      rr = ex.run(slice ? slice : kFuelUnlimited);
      ++slices;
    } while (rr.status == RunStatus::out_of_fuel);
    const auto t3 = Clock::now();
    if (rr.status != RunStatus::completed) {
      std::fprintf(stderr, "run: %s\n", std::string(trap_message(rr.trap)).c_str());
      return 1;
    }
    std::printf("checksum %lld run %.3f ms load %.3f ms slices %llu\n",
                static_cast<long long>(ex.results()[0].as_i64()),
                std::chrono::duration<double, std::milli>(t3 - t2).count(),
                std::chrono::duration<double, std::milli>(t1 - t0).count(),
                static_cast<unsigned long long>(slices));
  }
  return 0;
}
