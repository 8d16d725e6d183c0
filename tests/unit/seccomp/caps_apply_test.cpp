// Integration tests: apply_cap_plan() + no_new_privs in a forked child, observed through
// /proc/self/status after execve. Needs CAP_SETPCAP (root), else skipped.
#include <gtest/gtest.h>
#include <linux/capability.h>
#include <unistd.h>

#include "linux/caps/cap_plan.hpp"
#include "support/filtered_run.hpp"

namespace tc::caps {
namespace {

CapSets status_after(const CapPlan& plan, const std::vector<std::string>& cmd, std::string* out,
                     std::optional<unsigned> as_id = std::nullopt) {
  seccomp::testing::FilteredRunOptions opts;
  opts.caps = plan;
  opts.run_as_id = as_id;
  auto r = seccomp::testing::run_filtered(seccomp::CompiledFilter{}, cmd, opts);
  EXPECT_TRUE(r) << r.error().describe();
  EXPECT_EQ(r->exit_code, 0) << r->output;
  *out = r->output;
  auto sets = parse_cap_sets(r->output);
  EXPECT_TRUE(sets) << r->output;
  return sets ? *sets : CapSets{};
}

TEST(CapsApply, AllFiveSetsEmptyAndNoNewPrivs) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root (CAP_SETPCAP) to drop the bounding set";
  auto plan = make_cap_plan({});
  ASSERT_TRUE(plan);
  std::string out;
  CapSets s = status_after(*plan, {"/bin/cat", "/proc/self/status"}, &out);
  EXPECT_EQ(s.inheritable, 0U);
  EXPECT_EQ(s.permitted, 0U);
  EXPECT_EQ(s.effective, 0U);
  EXPECT_EQ(s.bounding, 0U);
  EXPECT_EQ(s.ambient, 0U);
  EXPECT_NE(out.find("NoNewPrivs:\t1"), std::string::npos);
}

TEST(CapsApply, CapAddSurvivesExecveForRoot) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root";
  auto plan = make_cap_plan({"CAP_NET_BIND_SERVICE"});
  ASSERT_TRUE(plan);
  const std::uint64_t want = 1ULL << CAP_NET_BIND_SERVICE;
  std::string out;
  CapSets root = status_after(*plan, {"/bin/cat", "/proc/self/status"}, &out);
  EXPECT_EQ(root.effective, want);
  EXPECT_EQ(root.bounding, want);
  EXPECT_EQ(root.ambient, want);
}

TEST(CapsApply, NonRootUidKeepsOnlyCapAddThroughAmbient) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root";
  auto plan = make_cap_plan({"CAP_NET_BIND_SERVICE"});
  ASSERT_TRUE(plan);
  const std::uint64_t want = 1ULL << CAP_NET_BIND_SERVICE;
  std::string out;
  CapSets s = status_after(*plan, {"/bin/cat", "/proc/self/status"}, &out, 65534U);
  EXPECT_NE(out.find("Uid:\t65534"), std::string::npos) << out;
  EXPECT_EQ(s.effective, want);
  EXPECT_EQ(s.permitted, want);
  EXPECT_EQ(s.ambient, want);
  EXPECT_EQ(s.bounding, want);
  EXPECT_EQ(s.inheritable, want);
  auto none = make_cap_plan({});
  ASSERT_TRUE(none);
  CapSets e = status_after(*none, {"/bin/cat", "/proc/self/status"}, &out, 65534U);
  EXPECT_EQ(e.effective | e.permitted | e.ambient | e.bounding | e.inheritable, 0U);
}

}  // namespace
}  // namespace tc::caps
