// Per-syscall overhead of the default filter: run once without and once with
// `--filtered` (the process installs the default profile, violation = kill, then runs the
// same benchmarks). getppid is allowed early in the BPF tree, the ioctl and socket rules
// exercise argument checks, syscall 1000 takes the default (ENOSYS) path.
//   build/bench/seccomp/seccomp_syscall_bench
//   build/bench/seccomp/seccomp_syscall_bench --filtered
#include <benchmark/benchmark.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

#include "linux/seccomp/install.hpp"
#include "linux/seccomp/policy_builder.hpp"
#include "linux/seccomp/profile_json.hpp"

namespace {

void BM_getppid(benchmark::State& s) {
  for (auto _ : s) benchmark::DoNotOptimize(syscall(SYS_getppid));
}
void BM_ioctl_tcgets(benchmark::State& s) {
  termios t{};
  for (auto _ : s) benchmark::DoNotOptimize(ioctl(-1, TCGETS, &t));
}
void BM_unknown_syscall(benchmark::State& s) {
  for (auto _ : s) benchmark::DoNotOptimize(syscall(1000));
}
BENCHMARK(BM_getppid);
BENCHMARK(BM_ioctl_tcgets);
BENCHMARK(BM_unknown_syscall);

}  // namespace

int main(int argc, char** argv) {
  bool filtered = false;
  for (int i = 1; i < argc; ++i)
    if (std::strcmp(argv[i], "--filtered") == 0) {
      filtered = true;
      argv[i] = argv[0];
    }
  if (filtered) {
    using namespace tc::seccomp;
    auto f = SeccompPolicyBuilder().from_profile(*default_profile()).user_notify(false).build();
    if (!f || set_no_new_privs() != 0 ||
        install_filter(f->program.data(), f->program.size(), false) != 0) {
      std::fprintf(stderr, "cannot install the filter\n");
      return 1;
    }
    std::fprintf(stderr, "default seccomp filter installed (%zu BPF instructions)\n",
                 f->program.size());
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
