// Seccomp setup costs: parsing + compiling the default profile vs the caches, and the
// cost of installing the filter in a fresh process (fork+install+exit vs fork+exit,
// fork+exec /bin/true with and without the filter).
//   build/bench/seccomp/seccomp_bench
#include <benchmark/benchmark.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <filesystem>

#include "linux/seccomp/compiler.hpp"
#include "linux/seccomp/filter_cache.hpp"
#include "linux/seccomp/install.hpp"
#include "linux/seccomp/policy_builder.hpp"
#include "linux/seccomp/profile_json.hpp"

namespace {

using namespace tc::seccomp;

Policy default_policy() {
  return SeccompPolicyBuilder().from_profile(*default_profile()).build_policy().value();
}

void BM_ParseDefaultProfile(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(default_profile());
}
BENCHMARK(BM_ParseDefaultProfile)->Unit(benchmark::kMicrosecond);

void BM_BuildPolicy(benchmark::State& state) {
  const Profile p = *default_profile();
  for (auto _ : state)
    benchmark::DoNotOptimize(SeccompPolicyBuilder().from_profile(p).build_policy());
}
BENCHMARK(BM_BuildPolicy)->Unit(benchmark::kMicrosecond);

void BM_CompileDefault(benchmark::State& state) {
  const Policy p = default_policy();
  std::size_t insns = 0;
  for (auto _ : state) {
    auto f = compile_policy(p);
    insns = f->program.size();
    benchmark::DoNotOptimize(f);
  }
  state.counters["bpf_insns"] = static_cast<double>(insns);
}
BENCHMARK(BM_CompileDefault)->Unit(benchmark::kMicrosecond);

void BM_CacheMemoryHit(benchmark::State& state) {
  const Policy p = default_policy();
  FilterCache cache;
  (void)cache.get_or_compile(p);
  for (auto _ : state) benchmark::DoNotOptimize(cache.get_or_compile(p));
}
BENCHMARK(BM_CacheMemoryHit)->Unit(benchmark::kMicrosecond);

void BM_CacheDiskHit(benchmark::State& state) {
  const Policy p = default_policy();
  const auto dir =
      std::filesystem::temp_directory_path() / ("tc-bench-cache-" + std::to_string(getpid()));
  {
    FilterCache warm(dir);
    (void)warm.get_or_compile(p);
  }
  for (auto _ : state) {
    FilterCache cold(dir);  // empty memory layer: every lookup reads the file
    benchmark::DoNotOptimize(cold.get_or_compile(p));
  }
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_CacheDiskHit)->Unit(benchmark::kMicrosecond);

// fork; the child optionally sets no_new_privs + installs the default filter; _exit or
// exec /bin/true; the parent waits.
void fork_run(benchmark::State& state, bool install, bool notify, bool exec_true) {
  auto f =
      SeccompPolicyBuilder().from_profile(*default_profile()).user_notify(notify).build().value();
  for (auto _ : state) {
    const pid_t pid = fork();
    if (pid == 0) {
      if (install) {
        if (set_no_new_privs() != 0) _exit(2);
        const int rc = install_filter(f.program.data(), f.program.size(), f.user_notify);
        if (rc < 0) _exit(3);
        if (rc > 0) close(rc);
      }
      if (exec_true) execl("/bin/true", "true", nullptr);
      _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) state.SkipWithError("child failed");
  }
}
void BM_ForkExit(benchmark::State& s) {
  fork_run(s, false, false, false);
}
void BM_ForkInstallExit(benchmark::State& s) {
  fork_run(s, true, false, false);
}
void BM_ForkInstallListenerExit(benchmark::State& s) {
  fork_run(s, true, true, false);
}
void BM_ForkExecTrue(benchmark::State& s) {
  fork_run(s, false, false, true);
}
void BM_ForkInstallExecTrue(benchmark::State& s) {
  fork_run(s, true, true, true);
}
BENCHMARK(BM_ForkExit)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ForkInstallExit)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ForkInstallListenerExit)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ForkExecTrue)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_ForkInstallExecTrue)->Unit(benchmark::kMicrosecond);

// The install alone, timed inside the child (thread CPU clock is not enough: the
// kernel work is on the child's behalf): no_new_privs + seccomp(SET_MODE_FILTER).
// Includes the kernel's BPF JIT and its per-syscall action-cache pre-computation.
void BM_InstallOnly(benchmark::State& state) {
  auto f =
      SeccompPolicyBuilder().from_profile(*default_profile()).user_notify(true).build().value();
  int pipefd[2];
  if (pipe(pipefd) != 0) return state.SkipWithError("pipe");
  for (auto _ : state) {
    const pid_t pid = fork();
    if (pid == 0) {
      timespec a{}, b{};
      clock_gettime(CLOCK_MONOTONIC, &a);
      if (set_no_new_privs() != 0) _exit(2);
      const int rc = install_filter(f.program.data(), f.program.size(), f.user_notify);
      clock_gettime(CLOCK_MONOTONIC, &b);
      const double secs = static_cast<double>(b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) * 1e-9;
      if (write(pipefd[1], &secs, sizeof secs) != sizeof secs || rc < 0) _exit(3);
      _exit(0);
    }
    double secs = 0;
    if (read(pipefd[0], &secs, sizeof secs) != sizeof secs) state.SkipWithError("read");
    waitpid(pid, nullptr, 0);
    state.SetIterationTime(secs);
  }
  close(pipefd[0]);
  close(pipefd[1]);
}
BENCHMARK(BM_InstallOnly)->UseManualTime()->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
