// Real limits on the real kernel: each hostile load runs inside a cgroup the test
// created with the limit already set (docs/CGROUPS.md, "Tests").
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <thread>

#include "fixture.hpp"
#include "gated_child.hpp"
#include "linux/cgroup/cpu_watch.hpp"
#include "linux/cgroup/files.hpp"
#include "linux/cgroup/sandbox_hooks.hpp"
#include "workloads.hpp"

namespace tc::cgroup::testing {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

bool killed_by(int status, int sig) {
  return WIFSIGNALED(status) && WTERMSIG(status) == sig;
}

TEST_P(CgroupTest, MemoryBombIsOomKilledAndClassified) {
  const Limits limits{.memory_bytes = 64 * kMiB};
  TC_REQUIRE_LIMITS(limits);
  auto run = make_run(limits);
  ASSERT_TRUE(run);
  SandboxHooks hooks = make_sandbox_hooks(*run, limits);
  GatedChild child([] { return memory_bomb(512 * kMiB); });
  ASSERT_TRUE(hooks.attach_cgroup(child.pid()));
  child.release();
  const int status = child.wait();
  ASSERT_TRUE(killed_by(status, SIGKILL)) << "status " << status;

  Outcome outcome;
  outcome.status = Status::signaled;
  outcome.signal = SIGKILL;
  hooks.finalize_outcome(outcome);
  EXPECT_EQ(outcome.status, Status::memory_limit);
  EXPECT_EQ(outcome.reason, "oom");
  auto figures = run->figures();
  ASSERT_TRUE(figures) << figures.error().describe();
  EXPECT_GE(figures->oom_kills, 1u);
  ASSERT_TRUE(figures->memory_peak_bytes);
  EXPECT_LE(*figures->memory_peak_bytes, 64 * kMiB);
  EXPECT_GE(*figures->memory_peak_bytes, 60 * kMiB);
  ASSERT_TRUE(run->destroy());
}

TEST_P(CgroupTest, PeakMemoryWithinTenPercentOfKnownAllocation) {
  const Limits limits{.memory_bytes = 256 * kMiB};
  TC_REQUIRE_LIMITS(limits);
  auto run = make_run(limits);
  ASSERT_TRUE(run);
  GatedChild child([] { return touch_memory(64 * kMiB); });
  ASSERT_TRUE(run->attach(child.pid()));
  child.release();
  const int status = child.wait();
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "status " << status;
  auto figures = run->figures();
  ASSERT_TRUE(figures) << figures.error().describe();
  ASSERT_TRUE(figures->memory_peak_bytes);
  const double peak = static_cast<double>(*figures->memory_peak_bytes);
  EXPECT_NEAR(peak, 64.0 * kMiB, 6.4 * kMiB) << "peak " << peak / kMiB << " MiB";
  EXPECT_EQ(figures->oom_kills, 0u);
  Outcome outcome;
  outcome.status = Status::ok;
  make_sandbox_hooks(*run, limits).finalize_outcome(outcome);
  EXPECT_EQ(outcome.status, Status::ok);
  EXPECT_EQ(outcome.usage.peak_memory_bytes, figures->memory_peak_bytes);
}

TEST_P(CgroupTest, ForkBombIsContainedByPidsMaxAndCleanedUp) {
  const Limits limits{.pids = 16};
  TC_REQUIRE_LIMITS(limits);
  auto run = make_run(limits);
  ASSERT_TRUE(run);
  const std::vector<std::string> dirs = run->dirs();
  GatedChild child([]() -> int { fork_bomb(); });
  ASSERT_TRUE(run->attach(child.pid()));
  child.release();
  std::this_thread::sleep_for(700ms);
  for (int i = 0; i < 10; ++i) {
    run->sample();
    std::this_thread::sleep_for(10ms);
  }
  auto figures = run->figures();
  ASSERT_TRUE(figures) << figures.error().describe();
  ASSERT_TRUE(figures->pids_peak);
  EXPECT_LE(*figures->pids_peak, 16u);
  EXPECT_GE(*figures->pids_peak, 8u) << "the bomb did not even fork";
  EXPECT_GT(figures->pids_limit_hits, 0u) << "pids.max never refused a fork";
  ASSERT_TRUE(run->destroy());
  EXPECT_TRUE(killed_by(child.wait(), SIGKILL));
  for (const std::string& d : dirs) EXPECT_FALSE(file_exists(d)) << d;
}

TEST_P(CgroupTest, BusyLoopIsStoppedByCpuTimeBudget) {
  const Limits limits{.cpu_time = 300ms};
  TC_REQUIRE_LIMITS(limits);
  auto run = make_run(limits);
  ASSERT_TRUE(run);
  SandboxHooks hooks = make_sandbox_hooks(*run, limits);
  GatedChild child([]() -> int { busy_loop(); });
  ASSERT_TRUE(hooks.attach_cgroup(child.pid()));
  child.release();
  CpuTimeWatch watch(*run, *limits.cpu_time);
  const auto deadline = Clock::now() + 20s;
  while (Clock::now() < deadline) {
    auto fired = watch.poll();
    ASSERT_TRUE(fired) << fired.error().describe();
    if (*fired) break;
    std::this_thread::sleep_for(10ms);
  }
  ASSERT_TRUE(watch.fired()) << "20 s wall without using 300 ms CPU";
  EXPECT_TRUE(killed_by(child.wait(), SIGKILL));
  auto used = run->cpu_usage_ns();
  ASSERT_TRUE(used);
  EXPECT_GE(*used, 300'000'000u);
  EXPECT_LT(*used, 600'000'000u) << "overshoot beyond the 10 ms poll interval";
  Outcome outcome;
  outcome.status = Status::signaled;
  outcome.signal = SIGKILL;
  hooks.finalize_outcome(outcome);
  EXPECT_EQ(outcome.status, Status::time_limit);
  EXPECT_EQ(outcome.reason, "cpu");
  EXPECT_GT(outcome.usage.user_seconds, 0.2);
}

// CPU used by each run's processes over the same `wall` of wall-clock time, as a
// fraction of one CPU.
std::pair<double, double> cpu_fractions(RunCgroup& a, RunCgroup& b,
                                        std::chrono::milliseconds wall) {
  const auto a0 = a.cpu_usage_ns();
  const auto b0 = b.cpu_usage_ns();
  const auto t0 = Clock::now();
  std::this_thread::sleep_for(wall);
  const auto a1 = a.cpu_usage_ns();
  const auto b1 = b.cpu_usage_ns();
  const double ns = static_cast<double>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count());
  if (!a0 || !a1 || !b0 || !b1) return {-1, -1};
  return {static_cast<double>(*a1 - *a0) / ns, static_cast<double>(*b1 - *b0) / ns};
}

TEST_P(CgroupTest, HalfACpuIsThrottledToHalf) {
  const Limits limits{.cpus = 0.5};
  TC_REQUIRE_LIMITS(limits);
  auto run = make_run(limits);
  ASSERT_TRUE(run);
  // Reference, measured over the same window: one unthrottled busy loop. It tells
  // whether this shared machine leaves enough CPU to expect the quota to be reached.
  auto free_run = make_run(Limits{});
  ASSERT_TRUE(free_run);
  GatedChild child([]() -> int {
    if (::fork() < 0) return 2;  // two busy processes: without the quota they could use 2 CPUs
    busy_loop();
  });
  GatedChild ref([]() -> int { busy_loop(); });
  ASSERT_TRUE(run->attach(child.pid()));
  ASSERT_TRUE(free_run->attach(ref.pid()));
  child.release();
  ref.release();
  std::this_thread::sleep_for(200ms);
  const auto [used, reference] = cpu_fractions(*run, *free_run, 1000ms);
  auto figures = run->figures();
  ASSERT_TRUE(figures) << figures.error().describe();
  ASSERT_TRUE(run->destroy());
  ASSERT_TRUE(free_run->destroy());
  std::cout << "cpus 0.5: used " << used << " CPU (unthrottled reference " << reference
            << "), nr_throttled " << figures->nr_throttled << ", throttled "
            << figures->throttled_ns / 1000000 << " ms\n";
  ASSERT_GE(used, 0);
  EXPECT_LE(used, 0.75);  // the quota holds whatever the load
  if (reference >= 0.8) {
    EXPECT_GE(used, 0.25);
    EXPECT_GT(figures->nr_throttled, 0u);
    EXPECT_GT(figures->throttled_ns, 0u);
  } else {
    std::cout << "host too loaded to expect the quota to be reached (reference " << reference
              << "): only the upper bound is checked\n";
  }
}

TEST_P(CgroupTest, CpuWeightIsWritten) {
  const Limits limits{.cpu_weight = 200};
  TC_REQUIRE_LIMITS(limits);
  auto run = make_run(limits);
  ASSERT_TRUE(run);
  bool seen = false;
  for (const std::string& d : run->dirs()) {
    if (auto shares = read_u64_file(d + "/cpu.shares")) {
      EXPECT_EQ(*shares, 2048u);
      seen = true;
    }
    if (auto weight = read_u64_file(d + "/cpu.weight")) {
      EXPECT_EQ(*weight, 200u);
      seen = true;
    }
  }
  EXPECT_TRUE(seen) << "neither cpu.shares nor cpu.weight in the run cgroup";
}

INSTANTIATE_TEST_SUITE_P(Backends, CgroupTest, TC_CGROUP_MODES, mode_name);

}  // namespace
}  // namespace tc::cgroup::testing
