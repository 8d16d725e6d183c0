// Outcome classification from cgroup figures (classify.hpp).
#include <gtest/gtest.h>

#include "linux/cgroup/classify.hpp"

namespace tc::cgroup {
namespace {

Outcome killed_by_sigkill() {
  Outcome o;
  o.status = Status::signaled;
  o.signal = 9;
  return o;
}

TEST(Classify, OomKillIsMemoryLimitNotSignal) {
  Outcome o = killed_by_sigkill();
  Figures f;
  f.oom_kills = 1;
  classify_outcome(o, f, Limits{.memory_bytes = 64u << 20});
  EXPECT_EQ(o.status, Status::memory_limit);
  EXPECT_EQ(o.reason, "oom");
}

TEST(Classify, CpuBudgetExceededIsTimeLimitCpu) {
  Outcome o = killed_by_sigkill();
  Figures f;
  f.cpu_usage_ns = 310'000'000;
  classify_outcome(o, f, Limits{.cpu_time = std::chrono::milliseconds(300)});
  EXPECT_EQ(o.status, Status::time_limit);
  EXPECT_EQ(o.reason, "cpu");
}

TEST(Classify, UnderBudgetStaysSignaled) {
  Outcome o = killed_by_sigkill();
  Figures f;
  f.cpu_usage_ns = 100'000'000;
  classify_outcome(o, f, Limits{.cpu_time = std::chrono::milliseconds(300)});
  EXPECT_EQ(o.status, Status::signaled);
}

TEST(Classify, EarlierCausesAreKept) {
  Figures f;
  f.oom_kills = 3;
  for (Status s : {Status::time_limit, Status::setup_error, Status::security_violation,
                   Status::internal_error}) {
    Outcome o;
    o.status = s;
    o.reason = "wall";
    classify_outcome(o, f, Limits{});
    EXPECT_EQ(o.status, s);
    EXPECT_EQ(o.reason, "wall");
  }
}

TEST(Classify, FiguresFillUsage) {
  Outcome o;
  Figures f;
  f.cpu_user_ns = 1'500'000'000;
  f.cpu_system_ns = 250'000'000;
  f.memory_peak_bytes = 64u << 20;
  f.pids_peak = 7;
  apply_figures(o, f);
  EXPECT_DOUBLE_EQ(o.usage.user_seconds, 1.5);
  EXPECT_DOUBLE_EQ(o.usage.sys_seconds, 0.25);
  EXPECT_EQ(o.usage.peak_memory_bytes, 64u << 20);
  EXPECT_EQ(o.usage.peak_pids, 7u);
}

}  // namespace
}  // namespace tc::cgroup
