// Scheduler: periods, lifetime, overrun policies, priorities, many containers. Timing
// tolerances are wide enough for a loaded 2-core machine.
#include "host_fixture.hpp"

namespace tc::host::test {
namespace {

using SchedulerTest = HostFixture;

nlohmann::json spin_meta(const std::string& uid, const std::string& policy, const std::string& period = "10ms",
                         const std::string& budget = "2ms") {
  auto m = meta(uid, period);
  m["scheduling"]["loop_max_duration"] = budget;
  m["scheduling"]["overrun"] = policy;
  return m;
}

TEST_F(SchedulerTest, PeriodicLoopsKeepTheirPeriod) {
  auto m = meta("p20", "20ms");
  m["scheduling"]["loop_max_lifetime"] = 15;
  const auto uid = load_start(m, "echo");
  auto st = host->wait(uid, 10000ms);
  ASSERT_TRUE(st);
  EXPECT_EQ(st->state, State::finished);  // lifetime reached
  EXPECT_EQ(st->stats.loops, 15u);
  const auto r = records(uid);
  ASSERT_EQ(r.size(), 15u);
  const double span_ms = std::chrono::duration<double, std::milli>(r.back().at - r.front().at).count();
  const double mean = span_ms / 14.0;
  EXPECT_GT(mean, 17.0);  // never early: releases are periodic, not back to back
  EXPECT_LT(mean, 45.0);  // and not much late, even on a loaded machine (missed periods are skipped)
  EXPECT_GT(st->stats.mean_loop_us, 0.0);
  EXPECT_GE(st->stats.max_loop_us, st->stats.mean_loop_us);
}

TEST_F(SchedulerTest, OverrunSkipAbandonsTheLoop) {
  const auto uid = load_start(spin_meta("skip", "skip"), "spin");  // iterations 0: forever
  ASSERT_TRUE(eventually([&] { return host->status(uid)->stats.overruns >= 3; }));
  auto st = host->status(uid);
  EXPECT_EQ(st->state, State::running);
  EXPECT_EQ(st->stats.loops, 0u);  // no loop ever completed
  EXPECT_TRUE(values(uid).empty());
  ASSERT_TRUE(host->stop(uid));
  EXPECT_EQ(values(uid), std::vector<std::int32_t>{-100});
}

TEST_F(SchedulerTest, OverrunStopFailsTheContainer) {
  const auto uid = load_start(spin_meta("stopper", "stop"), "spin");
  auto st = host->wait(uid, 5000ms);
  ASSERT_TRUE(st);
  EXPECT_EQ(st->state, State::failed);
  EXPECT_EQ(st->stats.overruns, 1u);
  EXPECT_NE(st->last_error.find("loop exceeded loop_max_duration (2000 µs)"), std::string::npos) << st->last_error;
  EXPECT_EQ(values(uid), std::vector<std::int32_t>{-100});  // stop export ran
}

TEST_F(SchedulerTest, OverrunPreemptResumeCompletesAcrossPeriods) {
  // guests/long.wat: each loop burns 5M iterations (tens of ms here); with a 3 ms budget
  // per 10 ms period it is preempted and resumed until it completes.
  const auto uid = load_start(spin_meta("resume", "preempt_resume", "10ms", "3ms"), "long");
  ASSERT_TRUE(eventually([&] { return host->status(uid)->stats.loops >= 2; }, 30000ms));
  auto st = host->status(uid);
  EXPECT_EQ(st->state, State::running);
  EXPECT_GE(st->stats.overruns, 2u);  // every preemption is counted
  const auto v = values(uid);
  ASSERT_GE(v.size(), 2u);
  EXPECT_EQ(v[0], 1);  // loops completed one after the other, none abandoned
  EXPECT_EQ(v[1], 2);
  // The loop time statistics count execution time across the periods it spanned.
  EXPECT_GT(st->stats.max_loop_us, 3000.0);
}

TEST_F(SchedulerTest, OverrunSkipNeverCompletesALongLoop) {
  const auto uid = load_start(spin_meta("skip-long", "skip", "10ms", "3ms"), "long");
  ASSERT_TRUE(eventually([&] { return host->status(uid)->stats.overruns >= 3; }, 10000ms));
  EXPECT_EQ(host->status(uid)->stats.loops, 0u);  // each period starts the loop afresh
}

TEST_F(SchedulerTest, HigherPriorityRunsFirstUnderContention) {
  // A low-priority container that spins forever (skip policy, budget = period) and a
  // high-priority periodic one: the high one keeps its period despite the hog.
  auto hog = spin_meta("hog", "skip", "10ms", "10ms");
  hog["scheduling"]["priority"] = 30;
  load_start(hog, "spin");
  auto fast = meta("fast", "10ms");
  fast["scheduling"]["priority"] = 1;
  fast["scheduling"]["loop_max_lifetime"] = 20;
  const auto uid = load_start(fast, "echo");
  auto st = host->wait(uid, 10000ms);
  ASSERT_TRUE(st);
  EXPECT_EQ(st->state, State::finished);
  const auto r = records(uid);
  ASSERT_EQ(r.size(), 20u);
  const double mean = std::chrono::duration<double, std::milli>(r.back().at - r.front().at).count() / 19.0;
  EXPECT_LT(mean, 45.0);  // not starved by the hog, which alone would use the whole CPU
  EXPECT_GT(host->status("hog")->stats.overruns, 0u);
}

TEST_F(SchedulerTest, ReadyJobsRunInPriorityOrderNotArrivalOrder) {
  // An urgent hog (priority 0) spins through a 300 ms budget. Meanwhile `late` (priority
  // 20) is started, then `early` (priority 5): both wait. When the hog's loop is abandoned
  // (skip), `early` must run first although it arrived second.
  auto hog = spin_meta("hog0", "skip", "1000ms", "300ms");
  hog["scheduling"]["priority"] = 0;
  load_start(hog, "spin");
  std::this_thread::sleep_for(20ms);  // the hog is inside its budget
  auto late = meta("late", "1000ms");
  late["scheduling"]["priority"] = 20;
  auto early = meta("early", "1000ms");
  early["scheduling"]["priority"] = 5;
  load_start(late, "echo");
  load_start(early, "echo");
  ASSERT_TRUE(eventually([&] { return !records("late").empty() && !records("early").empty(); }));
  EXPECT_EQ(host->status("hog0")->stats.overruns, 1u);
  EXPECT_LT(records("early").front().at, records("late").front().at);
}

TEST_F(SchedulerTest, ManyContainers) {
  constexpr int kN = 64;
  for (int i = 0; i < kN; ++i) {
    auto m = meta("c" + std::to_string(i), "10ms");
    m["scheduling"]["loop_max_lifetime"] = 10;
    load_start(m, "echo");
  }
  EXPECT_EQ(host->list().size(), static_cast<std::size_t>(kN));
  for (int i = 0; i < kN; ++i) {
    auto st = host->wait("c" + std::to_string(i), 20000ms);
    ASSERT_TRUE(st);
    EXPECT_EQ(st->state, State::finished);
    EXPECT_EQ(values("c" + std::to_string(i)).size(), 10u);
  }
}

}  // namespace
}  // namespace tc::host::test
