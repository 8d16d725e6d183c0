#include "linux/sandbox_spec.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>

namespace {

using tc::sandbox::SandboxSpec;

SandboxSpec valid() {
  SandboxSpec s;
  s.process.args = {"/bin/true"};
  s.workspace.runtime_base = "/run/tinycontainer";
  return s;
}

std::string error_of(const SandboxSpec& s) {
  auto r = tc::sandbox::validate_spec(s);
  return r ? "" : r.error().describe();
}

TEST(SandboxSpec, DefaultsWithACommandAreValid) {
  EXPECT_EQ(error_of(valid()), "");
}

TEST(SandboxSpec, RejectsMissingCommand) {
  auto s = valid();
  s.process.args.clear();
  EXPECT_EQ(error_of(s), "usage: missing command");
  s.process.args = {""};
  EXPECT_EQ(error_of(s), "usage: missing command");
}

TEST(SandboxSpec, RejectsBadEnvironment) {
  auto s = valid();
  s.process.env = {"NOVALUE"};
  EXPECT_NE(error_of(s).find("NOVALUE"), std::string::npos);
  s.process.env = {"1X=y"};
  EXPECT_NE(error_of(s).find("1X=y"), std::string::npos);
  s.process.env = {"A B=y"};
  EXPECT_NE(error_of(s), "");
  s.process.env = {"GOOD_1=with = signs"};
  EXPECT_EQ(error_of(s), "");
}

TEST(SandboxSpec, NeverMapsHostRoot) {
  auto s = valid();
  s.identity.host_id_base = 0;
  EXPECT_NE(error_of(s).find("never map host root"), std::string::npos);
  s.identity.host_id_base = 0xFFFFFFF0u;
  EXPECT_NE(error_of(s).find("32-bit"), std::string::npos);
}

TEST(SandboxSpec, UserMustBeInsideTheMapping) {
  auto s = valid();
  s.process.uid = 65536;
  EXPECT_NE(error_of(s).find("outside the mapped range"), std::string::npos);
  s = valid();
  s.identity.rootless = true;
  EXPECT_NE(error_of(s).find("rootless"), std::string::npos);
  s.process.uid = s.process.gid = 0;
  EXPECT_EQ(error_of(s), "");
}

TEST(SandboxSpec, RejectsBadLimitsAndNames) {
  auto s = valid();
  s.wall_time = std::chrono::nanoseconds(0);
  EXPECT_NE(error_of(s).find("wall-time"), std::string::npos);
  s = valid();
  s.io.output_limit = 0;
  EXPECT_NE(error_of(s).find("output-limit"), std::string::npos);
  s = valid();
  s.root.tmp_size = 0;
  EXPECT_NE(error_of(s).find("unlimited"), std::string::npos);
  s = valid();
  s.hostname = "bad_host";
  EXPECT_NE(error_of(s).find("hostname"), std::string::npos);
  s = valid();
  s.process.rlimits = {{RLIMIT_NOFILE, 10, 5}};
  EXPECT_NE(error_of(s).find("soft"), std::string::npos);
  s = valid();
  s.workspace.runtime_base = "relative";
  EXPECT_NE(error_of(s).find("absolute"), std::string::npos);
  s = valid();
  s.seccomp_user_notify = true;
  EXPECT_NE(error_of(s).find("seccomp"), std::string::npos);
}

TEST(SandboxSpec, NameCheckers) {
  EXPECT_TRUE(tc::sandbox::valid_env_name("_A1"));
  EXPECT_FALSE(tc::sandbox::valid_env_name(""));
  EXPECT_FALSE(tc::sandbox::valid_env_name("9A"));
  EXPECT_FALSE(tc::sandbox::valid_env_name("A-B"));
  EXPECT_TRUE(tc::sandbox::valid_hostname("judge-1.local"));
  EXPECT_FALSE(tc::sandbox::valid_hostname("-x"));
  EXPECT_FALSE(tc::sandbox::valid_hostname(std::string(65, 'a')));
}

TEST(SandboxSpec, HostIdsOfSandboxUsers) {
  tc::sandbox::IdentitySpec ids;
  EXPECT_EQ(tc::sandbox::host_uid_of(ids, 1000), 100001000u);
  ids.rootless = true;
  ids.caller_uid = 1234;
  ids.caller_gid = 99;
  EXPECT_EQ(tc::sandbox::host_uid_of(ids, 0), 1234u);
  EXPECT_EQ(tc::sandbox::host_gid_of(ids, 0), 99u);
}

}  // namespace
