// Unit tests: request validation, version matching, language lookup and detection.
#include <gtest/gtest.h>

#include "executor/languages.hpp"
#include "executor/request_check.hpp"

namespace tc::exec {
namespace {

LanguageProfile fake(std::string name, std::vector<std::string> aliases, std::string version_cmd,
                     bool compiled) {
  auto p = parse_profile(R"J({"name": "x", "version": {"command": ["sh"], "regex": "(.)"},
                              "source_file": "main.x",
                              "run": {"command": ["./a.out", "{args}"],
                                      "limits": {"memory": "64MiB"}}})J",
                         "fake");
  EXPECT_TRUE(p);
  p->name = std::move(name);
  p->aliases = std::move(aliases);
  p->version.command = {"sh", "-c", std::move(version_cmd)};
  p->version.regex = "v(\\d+\\.\\d+\\.\\d+)";
  if (compiled) p->compile = StepProfile{{"cc", "{sources}"}, p->run.limits, StepRuntime::linux};
  return *p;
}

LanguageSet fake_set() {
  auto set = LanguageSet::from_profiles({fake("zeta", {"z"}, "echo v3.11.2", false),
                                         fake("alpha", {"a", "first"}, "echo v1.0.0 >&2", true),
                                         fake("gone", {}, "exit 1", false),
                                         fake("odd", {}, "echo no version", false)});
  EXPECT_TRUE(set) << set.error().message;
  return std::move(*set);
}

ExecutionRequest request(std::string lang) {
  ExecutionRequest r;
  r.language = std::move(lang);
  r.files = {{"main.x", "print 1"}};
  return r;
}

std::string error_of(const ExecutionRequest& r, const LanguageSet& set) {
  auto c = check_request(r, set);
  EXPECT_FALSE(c.has_value());
  if (c) return "";
  EXPECT_EQ(c.error().phase, Phase::usage);
  return c.error().message;
}

TEST(Languages, DetectionKeepsOnlyWorkingToolchainsSortedByName) {
  const LanguageSet set = fake_set();
  ASSERT_EQ(set.installed().size(), 2u);
  EXPECT_EQ(set.installed()[0].profile.name, "alpha");
  EXPECT_EQ(set.installed()[0].version, "1.0.0");  // found on stderr too
  EXPECT_EQ(set.installed()[1].version, "3.11.2");
  ASSERT_EQ(set.missing().size(), 2u);
  EXPECT_EQ(set.find("Z"), &set.installed()[1]);
  EXPECT_EQ(set.find("first"), &set.installed()[0]);
  EXPECT_EQ(set.find("gone"), nullptr);
}

TEST(Languages, DuplicateNamesAreRefused) {
  auto set = LanguageSet::from_profiles({fake("a1", {"x"}, "echo v1.0.0", false),
                                         fake("a2", {"X"}, "echo v1.0.0", false)});
  ASSERT_FALSE(set);
  EXPECT_NE(set.error().message.find("'X' is claimed twice"), std::string::npos);
}

TEST(Languages, MissingProgramAndRequiredFileAreReported) {
  auto p = fake("n", {}, "", false);
  p.version.command = {"no-such-program-tc"};
  auto v = detect_version(p);
  ASSERT_FALSE(v);
  EXPECT_NE(v.error().message.find("no-such-program-tc: not found"), std::string::npos);
  p = fake("n", {}, "echo v1.2.3", false);
  p.requires_files = {"/nonexistent/tc-file"};
  EXPECT_FALSE(detect_version(p));
}

TEST(Request, ValidRequestTakesDefaultsAndOverrides) {
  const LanguageSet set = fake_set();
  auto r = request("a");
  r.run_limits.wall_seconds = 1.5;
  auto c = check_request(r, set);
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->language->profile.name, "alpha");
  EXPECT_EQ(*c->run_limits.wall_seconds, 1.5);
  EXPECT_EQ(*c->run_limits.memory_bytes, 64u << 20);
  EXPECT_EQ(*c->compile_limits.memory_bytes, 64u << 20);
}

TEST(Request, BadRequestsNameTheField) {
  const LanguageSet set = fake_set();
  EXPECT_NE(error_of(request("cobol"), set).find("language: unknown or not installed language "
                                                 "'cobol' (installed: alpha, zeta)"),
            std::string::npos);
  EXPECT_NE(error_of(request(""), set).find("language: missing"), std::string::npos);
  EXPECT_NE(error_of(request("gone"), set).find("unknown or not installed"), std::string::npos);
  auto r = request("zeta");
  r.version = "3.12";
  EXPECT_NE(error_of(r, set).find("version: zeta 3.12 is not installed (installed: 3.11.2)"),
            std::string::npos);
  r = request("zeta");
  r.files.clear();
  EXPECT_NE(error_of(r, set).find("files: at least one file"), std::string::npos);
  for (const char* bad : {"/etc/passwd", "../x", "a/../../b", ""}) {
    r = request("zeta");
    r.files.push_back({bad, ""});
    EXPECT_NE(error_of(r, set).find("files[1].name"), std::string::npos) << bad;
  }
  r = request("zeta");
  r.files.push_back({"main.x", ""});
  EXPECT_NE(error_of(r, set).find("collides"), std::string::npos);
  r = request("zeta");
  r.files.push_back({"main.x/y", ""});
  EXPECT_NE(error_of(r, set).find("collides"), std::string::npos);
  r = request("zeta");
  r.files[0].content.assign((8u << 20) + 1, 'x');
  EXPECT_NE(error_of(r, set).find("files[0].content"), std::string::npos);
  r = request("zeta");
  r.run_limits.memory_bytes = 1;
  EXPECT_NE(error_of(r, set).find("run_limits.memory_bytes: 1 B is out of range"),
            std::string::npos);
  r = request("alpha");
  r.compile_limits.wall_seconds = -1;
  EXPECT_NE(error_of(r, set).find("compile_limits.wall_seconds"), std::string::npos);
  r = request("zeta");
  r.run_limits.pids = 0;
  EXPECT_NE(error_of(r, set).find("run_limits.pids"), std::string::npos);
  r = request("zeta");
  r.cases.resize(1000);
  EXPECT_NE(error_of(r, set).find("cases: 1000 test cases"), std::string::npos);
  r = request("zeta");
  r.args = {std::string("a\0b", 3)};
  EXPECT_NE(error_of(r, set).find("args[0]: contains a NUL byte"), std::string::npos);
}

TEST(Request, VersionMatching) {
  EXPECT_TRUE(version_matches("", "3.11.2"));
  EXPECT_TRUE(version_matches("*", "3.11.2"));
  EXPECT_TRUE(version_matches("3", "3.11.2"));
  EXPECT_TRUE(version_matches("3.11", "3.11.2"));
  EXPECT_TRUE(version_matches("3.11.2", "3.11.2"));
  EXPECT_FALSE(version_matches("3.1", "3.11.2"));
  EXPECT_FALSE(version_matches("3.11.2.1", "3.11.2"));
  EXPECT_FALSE(version_matches("4", "3.11.2"));
}

}  // namespace
}  // namespace tc::exec
