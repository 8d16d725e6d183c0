// Unit tests: capability name parsing, the --cap-add allow-list, /proc status parsing.
#include <gtest/gtest.h>
#include <linux/capability.h>

#include <fstream>

#include "linux/caps/cap_plan.hpp"
#include "linux/caps/capability_names.hpp"

namespace tc::caps {
namespace {

TEST(CapabilityNames, ParsesAllSpellings) {
  EXPECT_EQ(parse_capability("CAP_NET_BIND_SERVICE").value(), CAP_NET_BIND_SERVICE);
  EXPECT_EQ(parse_capability("cap_kill").value(), CAP_KILL);
  EXPECT_EQ(parse_capability("Chown").value(), CAP_CHOWN);
  EXPECT_EQ(capability_name(CAP_SYS_ADMIN), "CAP_SYS_ADMIN");
}

TEST(CapabilityNames, PreciseErrors) {
  EXPECT_EQ(parse_capability("CAP_FLY").error().message, "unknown capability 'CAP_FLY'");
  EXPECT_EQ(parse_capability("").error().message, "empty capability name");
  EXPECT_EQ(parse_capability("cap kill").error().message, "invalid capability name 'cap kill'");
  EXPECT_EQ(parse_cap_add("sys_admin").error().message,
            "--cap-add CAP_SYS_ADMIN is not allowed (allowed: CAP_CHOWN, CAP_DAC_OVERRIDE, "
            "CAP_FOWNER, CAP_FSETID, CAP_KILL, CAP_SETUID, CAP_SETGID, CAP_SETPCAP, "
            "CAP_NET_BIND_SERVICE)");
  EXPECT_EQ(parse_cap_add("CAP_SYS_ADMIN").error().phase, Phase::usage);
}

TEST(CapPlan, KeepMaskFromNames) {
  auto plan = make_cap_plan({"NET_BIND_SERVICE", "cap_kill"});
  ASSERT_TRUE(plan) << plan.error().describe();
  EXPECT_EQ(plan->keep, (1ULL << CAP_NET_BIND_SERVICE) | (1ULL << CAP_KILL));
  EXPECT_GE(plan->last_cap, CAP_BPF);
  EXPECT_EQ(make_cap_plan({}).value().keep, 0U);
  EXPECT_FALSE(make_cap_plan({"CAP_SYS_PTRACE"}));
}

// last_cap comes from PR_CAPBSET_READ probing; it must be the kernel's own figure.
TEST(CapPlan, LastCapIsTheKernels) {
  std::ifstream in("/proc/sys/kernel/cap_last_cap");
  int expected = -1;
  if (!(in >> expected)) GTEST_SKIP() << "no /proc/sys/kernel/cap_last_cap";
  EXPECT_EQ(make_cap_plan({}).value().last_cap, expected);
}

TEST(CapPlan, ParsesProcStatus) {
  auto s = parse_cap_sets(
      "Name:\tx\nCapInh:\t0000000000000000\nCapPrm:\t0000000000000400\n"
      "CapEff:\t0000000000000400\nCapBnd:\t000001ffffffffff\n"
      "CapAmb:\t0000000000000000\nNoNewPrivs:\t1\n");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->permitted, 0x400U);
  EXPECT_EQ(s->bounding, 0x1ffffffffffU);
  EXPECT_FALSE(parse_cap_sets("CapInh:\t0\n"));
}

}  // namespace
}  // namespace tc::caps
