// Integration tests: the default profile compiled and applied for real to a probe child.
#include <gtest/gtest.h>

#include <cerrno>
#include <csignal>

#include "linux/seccomp/filter_cache.hpp"
#include "linux/seccomp/policy_builder.hpp"
#include "linux/seccomp/profile_json.hpp"
#include "support/filtered_run.hpp"

namespace tc::seccomp {
namespace {

using testing::FilteredRunOptions;
using testing::FilteredRunResult;
using testing::run_filtered;

const CompiledFilter& default_filter() {
  static const CompiledFilter filter = [] {
    auto prof = default_profile();
    EXPECT_TRUE(prof);
    auto f = SeccompPolicyBuilder().from_profile(*prof).build();
    EXPECT_TRUE(f) << f.error().describe();
    return *f;
  }();
  return filter;
}

FilteredRunResult probe(const std::vector<std::string>& args,
                        const CompiledFilter& f = default_filter(), FilteredRunOptions opts = {}) {
  std::vector<std::string> argv{TC_SECCOMP_PROBE};
  argv.insert(argv.end(), args.begin(), args.end());
  auto r = run_filtered(f, argv, opts);
  EXPECT_TRUE(r) << r.error().describe();
  return r ? *r : FilteredRunResult{};
}

std::string expect_errno(int e) {
  return "result=-1 errno=" + std::to_string(e) + "\n";
}

TEST(SeccompApply, AllowedSyscallsWork) {
  auto r = probe({"getpid"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_TRUE(r.violations.empty());
  EXPECT_EQ(r.output.rfind("result=", 0), 0U);
  EXPECT_EQ(r.output.find("result=-1"), std::string::npos) << r.output;
  EXPECT_EQ(probe({"thread"}).output, "result=0 errno=0\n");
  EXPECT_EQ(probe({"socket-tcp"}).output.find("result=-1"), std::string::npos);
  EXPECT_EQ(probe({"socket-unix"}).output.find("result=-1"), std::string::npos);
  EXPECT_EQ(probe({"tcgets"}).output, expect_errno(ENOTTY));  // stdin is /dev/null
  EXPECT_EQ(probe({"personality-query"}).output.find("result=-1"), std::string::npos);
}

TEST(SeccompApply, UnknownSyscallIsEnosys) {
  auto r = probe({"nr", "1000"});
  EXPECT_EQ(r.output, expect_errno(ENOSYS));
  EXPECT_TRUE(r.violations.empty());
}

TEST(SeccompApply, Clone3IsEnosysNotViolation) {
  auto r = probe({"clone3"});
  EXPECT_EQ(r.output, expect_errno(ENOSYS));
  EXPECT_TRUE(r.violations.empty());
}

TEST(SeccompApply, MountIsAViolationNamedMount) {
  auto r = probe({"mount"});
  ASSERT_EQ(r.violations, (std::vector<std::string>{"mount"}));
  EXPECT_EQ(r.term_signal, SIGKILL);  // the supervisor ended the run
  EXPECT_EQ(r.output, "");            // ...before the denied syscall returned
}

TEST(SeccompApply, ViolationFromAThreadKillsTheWholeProcessBeforeReturn) {
  for (int i = 0; i < 20; ++i) {
    auto r = probe({"thread-mount"});
    ASSERT_EQ(r.violations, (std::vector<std::string>{"mount"}));
    EXPECT_EQ(r.term_signal, SIGKILL);
    EXPECT_EQ(r.output, "") << "iteration " << i;
  }
}

TEST(SeccompApply, ViolationIsAnsweredWithEpermWhenNotStopped) {
  FilteredRunOptions opts;
  opts.stop_on_violation = false;
  auto r = probe({"unshare"}, default_filter(), opts);
  EXPECT_EQ(r.violations, (std::vector<std::string>{"unshare"}));
  EXPECT_EQ(r.output, expect_errno(EPERM));
  EXPECT_EQ(r.exit_code, 0);
}

TEST(SeccompApply, CloneWithNamespaceFlagIsAViolation) {
  auto r = probe({"clone-newuser"});
  EXPECT_EQ(r.violations, (std::vector<std::string>{"clone"}));
}

TEST(SeccompApply, TiocstiIsAViolationEvenWithHighBits) {
  EXPECT_EQ(probe({"tiocsti"}).violations, (std::vector<std::string>{"ioctl"}));
  EXPECT_EQ(probe({"tiocsti-hi"}).violations, (std::vector<std::string>{"ioctl"}));
}

TEST(SeccompApply, PacketAndRawSocketsAreEperm) {
  EXPECT_EQ(probe({"socket-packet"}).output, expect_errno(EPERM));
  EXPECT_EQ(probe({"socket-raw"}).output, expect_errno(EPERM));
  EXPECT_EQ(probe({"socket-alg"}).output, expect_errno(ENOSYS));
}

TEST(SeccompApply, PersonalityIsRestricted) {
  EXPECT_EQ(probe({"personality-norandom"}).output, expect_errno(ENOSYS));
}

TEST(SeccompApply, X32SyscallIsAViolation) {
  auto r = probe({"x32"});
  ASSERT_EQ(r.violations.size(), 1U) << r.output;
  EXPECT_EQ(r.violations[0], "x32:getpid");
}

TEST(SeccompApply, I386SyscallIsAViolation) {
  // Without a filter, does this kernel run int 0x80 from a 64-bit process at all?
  auto bare = run_filtered(CompiledFilter{}, {TC_SECCOMP_PROBE, "i386"});
  ASSERT_TRUE(bare);
  if (bare->exit_code != 0 || bare->output.find("result=-1") != std::string::npos)
    GTEST_SKIP() << "kernel without IA-32 emulation: " << bare->output;
  auto r = probe({"i386"});
  ASSERT_EQ(r.violations.size(), 1U) << r.output;
  EXPECT_EQ(r.violations[0], "i386:getpid");
}

TEST(SeccompApply, KillModeWithoutNotification) {
  auto prof = default_profile();
  ASSERT_TRUE(prof);
  auto f = SeccompPolicyBuilder().from_profile(*prof).user_notify(false).build();
  ASSERT_TRUE(f);
  EXPECT_FALSE(f->user_notify);
  auto r = probe({"mount"}, *f);
  EXPECT_EQ(r.term_signal, SIGSYS);
  EXPECT_TRUE(r.violations.empty());
  EXPECT_EQ(probe({"getpid"}, *f).exit_code, 0);
}

TEST(SeccompApply, CachedFilterBehavesLikeCompiled) {
  auto prof = default_profile();
  ASSERT_TRUE(prof);
  FilterCache cache;
  auto builder = SeccompPolicyBuilder().from_profile(*prof);
  ASSERT_TRUE(builder.build(cache));
  auto f = builder.build(cache);
  ASSERT_TRUE(f);
  EXPECT_EQ(cache.stats().memory_hits, 1U);
  EXPECT_EQ(probe({"mount"}, *f).violations, (std::vector<std::string>{"mount"}));
}

}  // namespace
}  // namespace tc::seccomp
