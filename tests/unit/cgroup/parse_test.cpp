// Pure helpers: flat keyed files, limits mapping, run names, /proc/<pid>/stat.
#include <gtest/gtest.h>

#include <limits>

#include "linux/cgroup/limits.hpp"
#include "linux/cgroup/run_name.hpp"
#include "linux/cgroup/text.hpp"

namespace tc::cgroup {
namespace {

TEST(Keyed, ParsesCpuStat) {
  auto kv = parse_keyed(
      "usage_usec 12345\nuser_usec 10000\nsystem_usec 2345\nnr_periods 10\n"
      "nr_throttled 4\nthrottled_usec 999\n",
      "cpu.stat");
  ASSERT_TRUE(kv) << kv.error().describe();
  EXPECT_EQ(kv->at("usage_usec"), 12345u);
  EXPECT_EQ(kv->at("throttled_usec"), 999u);
  EXPECT_EQ(kv->size(), 6u);
}

TEST(Keyed, MalformedNamesFileAndLine) {
  auto bad = parse_keyed("oom_kill_disable 0\nunder_oom\n", "memory.oom_control");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("memory.oom_control line 2"), std::string::npos);
  EXPECT_FALSE(parse_keyed("a -1\n", "x"));
  EXPECT_FALSE(parse_keyed("a 1 2\n", "x"));
  EXPECT_FALSE(parse_keyed("a 99999999999999999999999\n", "x"));
}

TEST(Numbers, MaxAndStrictness) {
  EXPECT_EQ(*parse_u64_or_max("max", "m"), std::numeric_limits<std::uint64_t>::max());
  EXPECT_EQ(*parse_u64_or_max("42", "m"), 42u);
  EXPECT_FALSE(parse_u64("", "m"));
  EXPECT_FALSE(parse_u64("4 2", "m"));
  EXPECT_FALSE(parse_u64("+4", "m"));
}

TEST(Limits, CpuMaxAndShares) {
  EXPECT_EQ(cpu_max_value(0.5), "50000 100000");
  EXPECT_EQ(cpu_max_value(2), "200000 100000");
  EXPECT_EQ(cpu_quota_us(0.001), kMinCpuQuotaUs);  // kernel minimum is 1 ms
  EXPECT_EQ(weight_to_shares(100), 1024u);
  EXPECT_EQ(weight_to_shares(200), 2048u);
  EXPECT_EQ(weight_to_shares(1), 10u);
  EXPECT_EQ(weight_to_shares(10000), 102400u);
}

TEST(Limits, ValidateRejectsNonsense) {
  EXPECT_TRUE(validate(Limits{}));
  EXPECT_FALSE(validate(Limits{.memory_bytes = 1000}));
  EXPECT_FALSE(validate(Limits{.pids = 0}));
  EXPECT_FALSE(validate(Limits{.cpus = 0.0}));
  EXPECT_FALSE(validate(Limits{.cpus = -1.0}));
  EXPECT_FALSE(validate(Limits{.cpu_weight = 0}));
  EXPECT_FALSE(validate(Limits{.cpu_weight = 10001}));
  EXPECT_FALSE(validate(Limits{.cpu_time = std::chrono::nanoseconds(0)}));
  auto ok = validate(Limits{.memory_bytes = 64u << 20,
                            .pids = 10,
                            .cpus = 0.5,
                            .cpu_weight = 100,
                            .cpu_time = std::chrono::seconds(1)});
  EXPECT_TRUE(ok);
  EXPECT_EQ(limit_names(Limits{.memory_bytes = 64u << 20, .cpus = 1.0}),
            (std::vector<std::string>{"memory", "cpus"}));
}

TEST(RunName, RoundTripAndRejects) {
  const RunName n{1234, 98765, "0123456789abcdef"};
  EXPECT_EQ(format_run_name(n), "tc-1234-98765-0123456789abcdef");
  auto back = parse_run_name(format_run_name(n));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->pid, 1234);
  EXPECT_EQ(back->start_time, 98765u);
  EXPECT_EQ(back->unique, "0123456789abcdef");
  EXPECT_FALSE(parse_run_name("tc-manager"));
  EXPECT_FALSE(parse_run_name("tc-1-2-0123456789ABCDEF"));
  EXPECT_FALSE(parse_run_name("tc-0-2-0123456789abcdef"));
  EXPECT_FALSE(parse_run_name("tc-1-2-0123"));
  EXPECT_FALSE(parse_run_name("xx-1-2-0123456789abcdef"));
}

TEST(RunName, StatStartTimeWithHostileComm) {
  const char* stat =
      "4242 (evil) 1 2 3 (x) S 1 4242 4242 0 -1 4194560 100 0 0 0 5 6 0 0 20 0 1 0 "
      "777123 1000 10\n";
  auto t = parse_stat_start_time(stat);
  ASSERT_TRUE(t) << t.error().describe();
  EXPECT_EQ(*t, 777123u);
  EXPECT_FALSE(parse_stat_start_time("4242 no paren"));
  EXPECT_FALSE(parse_stat_start_time("4242 (x) S 1 2"));
}

TEST(RunName, OwnProcessIsAlive) {
  auto name = new_run_name();
  ASSERT_TRUE(name) << name.error().describe();
  EXPECT_FALSE(owner_is_dead(*name));
  RunName reused = *name;
  reused.start_time += 1;  // same pid, another process: the pid was reused
  EXPECT_TRUE(owner_is_dead(reused));
}

}  // namespace
}  // namespace tc::cgroup
