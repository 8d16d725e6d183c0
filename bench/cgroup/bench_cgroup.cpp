// Per-run cost of the cgroup layer on whichever backend this host selects (v1 on the
// hybrid CI machine, v2 in the VM: bench/cgroup/run.sh runs both).
//   create_remove          mkdir + limits (memory, pids, cpus when enforceable) + rmdir
//   create_attach_remove   the same plus attaching a forked child and killing it
//   attach_only            only the attach of create_attach_remove (rest paused)
//   kill_remove_only       only the destroy (kill, wait empty, rmdir) with a process inside
//   fork_baseline          the fork + kill + waitpid part alone (subtract it)
//   clone_into_cgroup      v2: clone3(CLONE_INTO_CGROUP) instead of fork + attach
//   cpu_usage_read         one poll of the --cpu-time budget
#include <benchmark/benchmark.h>
#include <linux/sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <optional>

#include "linux/cgroup/manager.hpp"

namespace {

using tc::cgroup::CgroupManager;
using tc::cgroup::Limits;

CgroupManager& manager() {
  static std::optional<CgroupManager> m = [] {
    auto opened = CgroupManager::open();
    if (!opened) {
      std::fprintf(stderr, "bench_cgroup: %s\n", opened.error().describe().c_str());
      std::exit(1);
    }
    return std::optional<CgroupManager>(std::move(*opened));
  }();
  return *m;
}

Limits run_limits() {
  Limits l{.memory_bytes = 256u << 20, .pids = 64, .cpus = 1.0};
  if (!manager().unenforceable(l).empty()) return Limits{};
  return l;
}

pid_t fork_sleeper() {
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::pause();
    ::_exit(0);
  }
  return pid;
}

void reap(pid_t pid) {
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
}

void create_remove(benchmark::State& state) {
  const Limits limits = run_limits();
  for (auto _ : state) {
    auto run = manager().create_run(limits);
    if (!run) state.SkipWithError(run.error().describe().c_str());
  }
  state.SetLabel(manager().version() == tc::cgroup::CgroupVersion::v2 ? "v2" : "v1");
}

void create_attach_remove(benchmark::State& state) {
  const Limits limits = run_limits();
  for (auto _ : state) {
    const pid_t pid = fork_sleeper();
    auto run = manager().create_run(limits);
    if (!run || !(*run)->attach(pid)) state.SkipWithError("create/attach failed");
    run->reset();  // kill + wait empty + rmdir
    reap(pid);
  }
}

// The two phases of create_attach_remove measured alone (the rest is paused).
void attach_only(benchmark::State& state) {
  const Limits limits = run_limits();
  for (auto _ : state) {
    state.PauseTiming();
    const pid_t pid = fork_sleeper();
    auto run = manager().create_run(limits);
    if (!run) state.SkipWithError("create failed");
    state.ResumeTiming();
    if (!(*run)->attach(pid)) state.SkipWithError("attach failed");
    state.PauseTiming();
    run->reset();
    reap(pid);
    state.ResumeTiming();
  }
}

void kill_remove_only(benchmark::State& state) {
  const Limits limits = run_limits();
  for (auto _ : state) {
    state.PauseTiming();
    const pid_t pid = fork_sleeper();
    auto run = manager().create_run(limits);
    if (!run || !(*run)->attach(pid)) state.SkipWithError("create/attach failed");
    state.ResumeTiming();
    run->reset();
    state.PauseTiming();
    reap(pid);
    state.ResumeTiming();
  }
}

void fork_baseline(benchmark::State& state) {
  for (auto _ : state) reap(fork_sleeper());
}

void clone_into_cgroup(benchmark::State& state) {
  const Limits limits = run_limits();
  for (auto _ : state) {
    auto run = manager().create_run(limits);
    if (!run || (*run)->clone_into_fd() < 0) {
      state.SkipWithError("CLONE_INTO_CGROUP needs cgroup v2");
      break;
    }
    clone_args args{};
    args.flags = CLONE_INTO_CGROUP;
    args.exit_signal = SIGCHLD;
    args.cgroup = static_cast<__u64>((*run)->clone_into_fd());
    const long pid = ::syscall(SYS_clone3, &args, sizeof args);
    if (pid == 0) {
      ::pause();
      ::_exit(0);
    }
    run->reset();
    reap(static_cast<pid_t>(pid));
  }
}

void cpu_usage_read(benchmark::State& state) {
  auto run = manager().create_run(Limits{});
  if (!run) {
    state.SkipWithError(run.error().describe().c_str());
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize((*run)->cpu_usage_ns());
}

BENCHMARK(create_remove)->Unit(benchmark::kMicrosecond);
BENCHMARK(create_attach_remove)->Unit(benchmark::kMicrosecond);
BENCHMARK(attach_only)->Unit(benchmark::kMicrosecond);
BENCHMARK(kill_remove_only)->Unit(benchmark::kMicrosecond);
BENCHMARK(fork_baseline)->Unit(benchmark::kMicrosecond);
BENCHMARK(clone_into_cgroup)->Unit(benchmark::kMicrosecond);
BENCHMARK(cpu_usage_read)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
