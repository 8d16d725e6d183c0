#include "cli/run_resources.hpp"

#include <gtest/gtest.h>

namespace {

using tc::cli::parse_limits;
using tc::cli::ResourceText;

TEST(ParseLimits, DefaultsAreMemoryAndPids) {
  auto l = parse_limits(ResourceText{});
  ASSERT_TRUE(l);
  EXPECT_EQ(l->memory_bytes, 512ull << 20);
  EXPECT_EQ(l->pids, 256u);
  EXPECT_FALSE(l->cpus);
  EXPECT_FALSE(l->cpu_weight);
  EXPECT_FALSE(l->cpu_time);
}

TEST(ParseLimits, MaxMeansNoLimit) {
  auto l = parse_limits(ResourceText{.memory = "max", .pids = "none"});
  ASSERT_TRUE(l);
  EXPECT_FALSE(l->memory_bytes);
  EXPECT_FALSE(l->pids);
  EXPECT_TRUE(tc::cgroup::limit_names(*l).empty());
}

TEST(ParseLimits, AllFlags) {
  auto l = parse_limits(ResourceText{
      .memory = "64MiB", .pids = "32", .cpus = "0.5", .cpu_weight = "200", .cpu_time = "300ms"});
  ASSERT_TRUE(l) << l.error().message;
  EXPECT_EQ(l->memory_bytes, 64ull << 20);
  EXPECT_EQ(l->pids, 32u);
  EXPECT_DOUBLE_EQ(*l->cpus, 0.5);
  EXPECT_EQ(l->cpu_weight, 200u);
  EXPECT_EQ(*l->cpu_time, std::chrono::milliseconds(300));
}

TEST(ParseLimits, ErrorsNameTheFlag) {
  const std::pair<ResourceText, const char*> cases[] = {{{.memory = "lots"}, "--memory"},
                                                        {{.memory = "1KiB"}, "--memory"},
                                                        {{.pids = "0"}, "--pids"},
                                                        {{.pids = "-3"}, "--pids"},
                                                        {{.pids = "12x"}, "--pids"},
                                                        {{.cpus = "0"}, "--cpus"},
                                                        {{.cpus = "nan"}, "--cpus"},
                                                        {{.cpus = "inf"}, "--cpus"},
                                                        {{.cpus = "1e9"}, "--cpus"},
                                                        {{.cpu_weight = "0"}, "--cpu-weight"},
                                                        {{.cpu_weight = "10001"}, "--cpu-weight"},
                                                        {{.cpu_time = "soon"}, "--cpu-time"},
                                                        {{.cpu_time = "0s"}, "--cpu-time"}};
  for (const auto& [text, flag] : cases) {
    auto l = parse_limits(text);
    ASSERT_FALSE(l) << flag;
    EXPECT_EQ(l.error().phase, tc::Phase::usage);
    EXPECT_EQ(l.error().message.rfind(flag, 0), 0u) << l.error().message;
  }
}

}  // namespace
