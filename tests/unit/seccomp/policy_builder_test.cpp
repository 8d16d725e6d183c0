// Unit tests: the immutable policy builder, its sticky error, canonical form and compiler.
#include "linux/seccomp/policy_builder.hpp"

#include <gtest/gtest.h>

#include <unistd.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "common/fnv1a.hpp"
#include "linux/seccomp/compiler.hpp"
#include "linux/seccomp/filter_cache.hpp"
#include "linux/seccomp/profile_json.hpp"

namespace tc::seccomp {
namespace {

TEST(PolicyBuilder, IsImmutable) {
  const SeccompPolicyBuilder base = SeccompPolicyBuilder().allow("read");
  const SeccompPolicyBuilder more = base.allow("write");
  auto p1 = base.build_policy();
  auto p2 = more.build_policy();
  ASSERT_TRUE(p1 && p2);
  EXPECT_EQ(p1->syscalls.size(), 1U);
  EXPECT_EQ(p2->syscalls.size(), 2U);
}

TEST(PolicyBuilder, StickyErrorKeepsTheFirst) {
  const auto b = SeccompPolicyBuilder()
                     .allow("read")
                     .allow("nosuchcall")
                     .deny_errno("write", 99999)
                     .allow("alsobad");
  ASSERT_TRUE(b.error());
  auto r = b.build();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().phase, Phase::security);
  EXPECT_EQ(r.error().message, "seccomp policy: unknown syscall 'nosuchcall'");
}

TEST(PolicyBuilder, ValidatesConditions) {
  EXPECT_EQ(SeccompPolicyBuilder()
                .allow_if("ioctl", {{6, ArgOp::eq, 1, 0}})
                .build_policy()
                .error()
                .message,
            "seccomp policy: argument index 6 out of range 0..5");
  EXPECT_EQ(SeccompPolicyBuilder()
                .allow_if("ioctl", {{1, ArgOp::masked_eq, 1, 0}})
                .build_policy()
                .error()
                .message,
            "seccomp policy: zero mask in a condition on 'ioctl'");
  EXPECT_FALSE(SeccompPolicyBuilder().default_errno(0).build_policy());
}

TEST(PolicyBuilder, UnconditionalReplacesConditional) {
  auto p = SeccompPolicyBuilder()
               .violation_if("clone", {{0, ArgOp::masked_ne, 0, 0x10000000}})
               .allow("clone")
               .build_policy();
  ASSERT_TRUE(p);
  EXPECT_EQ(unconditional_action(*p, "clone"), (Action{ActionKind::allow, 0}));
  EXPECT_TRUE(p->syscalls.at("clone").conditional.empty());
}

TEST(PolicyBuilder, ProfileMixingUnconditionalAndConditionalIsAnError) {
  auto prof = parse_profile(R"({"name":"mix","defaultAction":{"action":"errno","errno":"ENOSYS"},
     "rules":[{"action":"allow","syscalls":["ioctl"]},
              {"action":"violation","syscalls":["ioctl"],"args":[{"index":1,"op":"eq","value":21522}]}]})",
                            "mix");
  ASSERT_TRUE(prof);
  auto r = SeccompPolicyBuilder().from_profile(*prof).build_policy();
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message,
            "seccomp policy: mix rules[1]: 'ioctl' has both unconditional and conditional rules "
            "(mix rules[0]); make the rules of one syscall all conditional");
}

TEST(PolicyBuilder, CanonicalFormIgnoresOrder) {
  auto a = SeccompPolicyBuilder().allow("read").allow("write").violation("mount").build_policy();
  auto b = SeccompPolicyBuilder().violation("mount").allow("write").allow("read").build_policy();
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->canonical_text(), b->canonical_text());
  EXPECT_EQ(a->hash(), b->hash());
  auto c = SeccompPolicyBuilder().allow("read").allow("write").build_policy();
  EXPECT_NE(a->hash(), c->hash());
  auto d = SeccompPolicyBuilder()
               .allow("read")
               .allow("write")
               .violation("mount")
               .user_notify(false)
               .build_policy();
  EXPECT_NE(a->hash(), d->hash());
}

TEST(PolicyBuilder, DefaultProfileCompiles) {
  auto prof = default_profile();
  ASSERT_TRUE(prof) << prof.error().describe();
  auto f = SeccompPolicyBuilder().from_profile(*prof).build();
  ASSERT_TRUE(f) << f.error().describe();
  EXPECT_TRUE(f->user_notify);
  EXPECT_GT(f->program.size(), 50U);
  EXPECT_LE(f->program.size(), static_cast<std::size_t>(BPF_MAXINSNS));
  // First instruction loads the audit arch (offsetof(seccomp_data, arch) == 4).
  EXPECT_EQ(f->program[0].code, BPF_LD | BPF_W | BPF_ABS);
  EXPECT_EQ(f->program[0].k, 4U);
}

TEST(PolicyBuilder, AllowSyscallExtendsTheDefault) {
  auto prof = default_profile();
  ASSERT_TRUE(prof);
  auto p = SeccompPolicyBuilder().from_profile(with_allowed(*prof, {"ptrace"})).build_policy();
  ASSERT_TRUE(p);
  EXPECT_EQ(unconditional_action(*p, "ptrace"), (Action{ActionKind::allow, 0}));
  EXPECT_EQ(unconditional_action(*p, "mount"), (Action{ActionKind::violation, 0}));
}

TEST(FilterCache, CompilesOncePerPolicy) {
  auto prof = default_profile();
  ASSERT_TRUE(prof);
  auto policy = SeccompPolicyBuilder().from_profile(*prof).build_policy();
  ASSERT_TRUE(policy);
  FilterCache cache;
  auto a = cache.get_or_compile(*policy);
  auto b = cache.get_or_compile(*policy);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(cache.stats().compiles, 1U);
  EXPECT_EQ(cache.stats().memory_hits, 1U);
  ASSERT_EQ(a->program.size(), b->program.size());
  EXPECT_EQ(0, std::memcmp(a->program.data(), b->program.data(),
                           a->program.size() * sizeof(sock_filter)));
}

TEST(FilterCache, DiskCacheRoundTripsAndRejectsTampering) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("tc-seccomp-cache-test-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  auto policy = SeccompPolicyBuilder()
                    .allow({"read", "write", "exit_group"})
                    .violation("mount")
                    .build_policy();
  ASSERT_TRUE(policy);
  auto direct = compile_policy(*policy);
  ASSERT_TRUE(direct);
  {
    FilterCache writer(dir);
    ASSERT_TRUE(writer.get_or_compile(*policy));
    EXPECT_EQ(writer.stats().compiles, 1U);
  }
  {
    FilterCache reader(dir);
    auto f = reader.get_or_compile(*policy);
    ASSERT_TRUE(f);
    EXPECT_EQ(reader.stats().disk_hits, 1U);
    EXPECT_EQ(reader.stats().compiles, 0U);
    ASSERT_EQ(f->program.size(), direct->program.size());
    EXPECT_EQ(0, std::memcmp(f->program.data(), direct->program.data(),
                             f->program.size() * sizeof(sock_filter)));
  }
  // A group-writable cache file is not trusted: recompiled instead.
  for (const auto& e : std::filesystem::directory_iterator(dir))
    std::filesystem::permissions(e.path(), std::filesystem::perms::group_write,
                                 std::filesystem::perm_options::add);
  FilterCache third(dir);
  ASSERT_TRUE(third.get_or_compile(*policy));
  EXPECT_EQ(third.stats().disk_hits, 0U);
  EXPECT_EQ(third.stats().compiles, 1U);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tc::seccomp

#include "linux/seccomp/seccomp_setup.hpp"

namespace tc::seccomp {
namespace {

TEST(SeccompSetup, PreparesFilterAndCallbackThroughTheCache) {
  FilterCache cache;
  auto a = prepare_seccomp({}, cache);
  ASSERT_TRUE(a) << a.error().describe();
  EXPECT_TRUE(a->filter.user_notify);
  EXPECT_TRUE(static_cast<bool>(a->on_notification));
  auto b = prepare_seccomp({}, cache);
  ASSERT_TRUE(b);
  EXPECT_EQ(cache.stats().compiles, 1U);
  EXPECT_EQ(cache.stats().memory_hits, 1U);
  auto kill_mode = prepare_seccomp({}, cache, false);
  ASSERT_TRUE(kill_mode);
  EXPECT_FALSE(kill_mode->filter.user_notify);
  EXPECT_FALSE(static_cast<bool>(kill_mode->on_notification));
  auto bad = prepare_seccomp({std::nullopt, {"frobnicate"}}, cache);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().message, "--allow-syscall: unknown syscall 'frobnicate'");
  EXPECT_EQ(bad.error().phase, Phase::usage);
}

// prepare_seccomp hashes the embedded default profile at compile time; the key it looks up
// must be the one remember_source stores under, or every run would parse and build. A
// marker filter remembered under the default choice's source must be what comes back.
TEST(SeccompSetup, SourceFastPathUsesTheSameKeyAsRememberSource) {
  const std::string source =
      "notify 1\n" + std::string(default_profile_json()) + std::string("\0\0", 2);
  EXPECT_EQ(FilterCache::source_hash(source), fnv1a("source\n" + source));
  CompiledFilter marker;
  marker.user_notify = true;
  marker.program = {BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)};
  FilterCache cache;
  cache.remember_source(source, marker);
  auto got = prepare_seccomp({}, cache);
  ASSERT_TRUE(got) << got.error().describe();
  EXPECT_EQ(got->filter.program.size(), 1U) << "the source fast path missed";
  EXPECT_EQ(cache.stats().compiles, 0U);
  EXPECT_EQ(cache.stats().memory_hits, 1U);
}

// The source-keyed fast path: a repeated choice is served without parsing or building,
// and editing the profile file (same path) is never served the stale filter.
TEST(SeccompSetup, SourceFastPathFollowsTheProfileFileContent) {
  const auto file =
      std::filesystem::temp_directory_path() / ("tc-src-" + std::to_string(getpid()) + ".json");
  std::ofstream(file) << R"({"name":"x","extends":"default","rules":[]})";
  FilterCache cache;
  auto a = prepare_seccomp({file, {}}, cache);
  ASSERT_TRUE(a) << a.error().describe();
  auto again = prepare_seccomp({file, {}}, cache);
  ASSERT_TRUE(again);
  EXPECT_EQ(cache.stats().compiles, 1U);
  EXPECT_EQ(again->filter.program.size(), a->filter.program.size());
  std::ofstream(file, std::ios::trunc)
      << R"({"name":"x","extends":"default","rules":[{"action":"allow","syscalls":["ptrace"]}]})";
  auto edited = prepare_seccomp({file, {}}, cache);
  std::filesystem::remove(file);
  ASSERT_TRUE(edited) << edited.error().describe();
  EXPECT_EQ(cache.stats().compiles, 2U);
  const bool same = edited->filter.program.size() == a->filter.program.size() &&
                    std::memcmp(edited->filter.program.data(), a->filter.program.data(),
                                a->filter.program.size() * sizeof(sock_filter)) == 0;
  EXPECT_FALSE(same) << "an edited profile must compile to a different filter";
}

TEST(SeccompSetup, RefusesAPolicyThatCannotStartAWorkload) {
  const auto file =
      std::filesystem::temp_directory_path() / ("tc-nostart-" + std::to_string(getpid()) + ".json");
  std::ofstream(file) << R"({"name":"x","defaultAction":{"action":"kill_process"},
                            "rules":[{"action":"allow","syscalls":["read","close","execve"]}]})";
  FilterCache cache;
  auto s = prepare_seccomp({file, {}}, cache);
  std::filesystem::remove(file);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.error().message,
            "seccomp policy: 'sendmsg' must be allowed: the workload calls it after "
            "the filter is installed (listener hand-over, execve)");
}

// Every profile shipped in profiles/ (and profiles/examples/) loads, resolves and compiles.
TEST(ShippedProfiles, AllLoadAndCompile) {
  int count = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(TC_PROFILES_DIR)) {
    if (e.path().extension() != ".json") continue;
    ++count;
    FilterCache cache;
    auto s = prepare_seccomp({e.path(), {}}, cache);
    EXPECT_TRUE(s) << e.path() << ": " << s.error().describe();
  }
  EXPECT_GE(count, 3);
}

}  // namespace
}  // namespace tc::seccomp
