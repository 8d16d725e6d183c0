// Unit tests: strict parsing of language profiles, placeholders, name rules.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "executor/names.hpp"
#include "executor/profile.hpp"

namespace tc::exec {
namespace {

constexpr const char* kMinimal = R"J({
  "name": "c",
  "version": {"command": ["gcc", "--version"], "regex": "(\\d+)"},
  "source_file": "main.c",
  "run": {"command": ["./a.out", "{args}"]}
})J";

std::string error_of(std::string_view text) {
  auto p = parse_profile(text, "t.json");
  EXPECT_FALSE(p.has_value());
  return p ? "" : p.error().message;
}

TEST(Profile, MinimalProfileGetsDefaultLimits) {
  auto p = parse_profile(kMinimal, "t.json");
  ASSERT_TRUE(p) << p.error().message;
  EXPECT_EQ(p->name, "c");
  EXPECT_FALSE(p->compile);
  EXPECT_EQ(p->run.runtime, StepRuntime::linux);
  ASSERT_TRUE(p->run.limits.wall_seconds && p->run.limits.memory_bytes && p->run.limits.pids &&
              p->run.limits.cpu_seconds && p->run.limits.output_bytes);
  EXPECT_EQ(*p->run.limits.wall_seconds, 10.0);
}

TEST(Profile, FullProfileParses) {
  auto p = parse_profile(R"J({
    "name": "cpp", "aliases": ["c++", "g++"],
    "version": {"command": ["g++", "-dumpfullversion"], "regex": "^(\\d+(?:\\.\\d+)*)"},
    "source_file": "main.cpp", "source_extensions": [".cpp"],
    "compile": {"command": ["g++", "-o", "a.out", "{sources}"],
                "limits": {"wall_time": "30s", "cpu_time": "1500ms", "memory": "1GiB",
                           "pids": 32, "output": "64KiB"}},
    "run": {"command": ["./a.out", "{args}"], "runtime": "linux"},
    "allow_syscalls": ["personality"], "env": ["A=1"], "requires": ["/usr/bin"]
  })J", "cpp.json");
  ASSERT_TRUE(p) << p.error().message;
  ASSERT_TRUE(p->compile);
  EXPECT_EQ(*p->compile->limits.cpu_seconds, 1.5);
  EXPECT_EQ(*p->compile->limits.memory_bytes, 1ull << 30);
  EXPECT_EQ(*p->compile->limits.pids, 32u);
  EXPECT_EQ(*p->compile->limits.output_bytes, 64u << 10);
  EXPECT_EQ(p->aliases, (std::vector<std::string>{"c++", "g++"}));
  EXPECT_EQ(p->requires_files, (std::vector<std::string>{"/usr/bin"}));
}

TEST(Profile, ErrorsNameTheSourceAndPath) {
  EXPECT_EQ(error_of("{"), "t.json: not valid JSON");
  EXPECT_EQ(error_of("[]"), "t.json: (top): want an object, got array");
  auto unknown = error_of(R"J({"name":"c","nmae":1})J");
  EXPECT_NE(unknown.find("t.json: nmae: unknown field"), std::string::npos) << unknown;
  EXPECT_NE(error_of(R"J({"name":"c","source_file":"m.c","run":{"command":["x"]}})J")
                .find("version: missing required field"),
            std::string::npos);
}

TEST(Profile, WrongTypesAndValuesAreRefused) {
  auto with = [](std::string_view from, std::string_view to) {
    std::string s = kMinimal;
    auto at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    s.replace(at, from.size(), to);
    return error_of(s);
  };
  EXPECT_NE(with(R"J("name": "c")J", R"J("name": 3)J").find("name: want a string, got number"),
            std::string::npos);
  EXPECT_NE(with(R"J("name": "c")J", R"J("name": "C Lang")J").find("name: 'C Lang'"),
            std::string::npos);
  EXPECT_NE(with(R"J("regex": "(\\d+)")J", R"J("regex": "\\d+")J").find("needs a capture group"),
            std::string::npos);
  EXPECT_NE(with(R"J("regex": "(\\d+)")J", R"J("regex": "(")J").find("invalid regular expression"),
            std::string::npos);
  EXPECT_NE(with(R"J("./a.out", "{args}")J", R"J("./a.out", "{arg}")J").find("run.command[1]"),
            std::string::npos);
  EXPECT_NE(with(R"J("./a.out", "{args}")J", R"J("./a.out", "-o{entry}")J").find("whole element"),
            std::string::npos);
  EXPECT_NE(with(R"J("./a.out", "{args}")J", R"J("{entry}")J").find("element 0"), std::string::npos);
  EXPECT_NE(with(R"J(["./a.out", "{args}"])J", "[]").find("run.command: the command is empty"),
            std::string::npos);
  EXPECT_NE(with(R"J("main.c")J", R"J("../main.c")J").find("source_file"), std::string::npos);
  EXPECT_NE(with(R"J("{args}"]})J", R"J("{args}"], "limits": {"memory": "1KiB"}})J")
                .find("run.limits.memory: '1KiB' is out of range"),
            std::string::npos);
  EXPECT_NE(with(R"J("{args}"]})J", R"J("{args}"], "limits": {"pids": -1}})J")
                .find("run.limits.pids: want a positive integer"),
            std::string::npos);
  EXPECT_NE(with(R"J("{args}"]})J", R"J("{args}"], "limits": {"wall_time": "soon"}})J")
                .find("run.limits.wall_time"),
            std::string::npos);
  EXPECT_NE(with(R"J("{args}"]})J", R"J("{args}"], "runtime": "jvm"})J").find("run.runtime"),
            std::string::npos);
  EXPECT_NE(with(R"J("{args}"]})J", R"J("{args}"]}, "env": ["1X=2"])J").find("env[0]"),
            std::string::npos);
  EXPECT_NE(with(R"J("{args}"]})J", R"J("{args}"]}, "allow_syscalls": ["Open"])J")
                .find("allow_syscalls[0]"),
            std::string::npos);
  EXPECT_NE(with(R"J("{args}"]})J", R"J("{args}"]}, "requires": ["rel"])J").find("requires[0]"),
            std::string::npos);
  EXPECT_NE(with(R"J("{args}"]})J", R"J("{args}"]}, "compile": {"command": ["cc", "{args}"]})J")
                .find("compile.command[1]: {args} is only allowed in run.command"),
            std::string::npos);
}

TEST(Profile, ExpandCommand) {
  auto p = parse_profile(kMinimal, "t.json");
  ASSERT_TRUE(p);
  p->source_extensions = {".c"};
  std::vector<SourceFile> files{{"main.c", ""}, {"util.h", ""}, {"lib/util.c", ""}};
  EXPECT_EQ(expand_command({"gcc", "{sources}", "-o", "x", "{entry}", "{args}"}, *p, files,
                           {"a", "b"}),
            (std::vector<std::string>{"gcc", "main.c", "lib/util.c", "-o", "x", "main.c", "a", "b"}));
  p->source_extensions.clear();
  EXPECT_EQ(expand_command({"cat", "{sources}"}, *p, files, {}).size(), 4u);
}

TEST(Names, FileNames) {
  for (const char* ok : {"main.py", "a/b/c.txt", ".hidden", "x+y_z-1.c"})
    EXPECT_TRUE(check_file_name(ok)) << ok;
  for (const char* bad : {"", "/etc/passwd", "../x", "a/../b", "a//b", "a/", ".", "a b",
                          "-fplugin=x.so", "a/-o", "a\\b", "x\ny"})
    EXPECT_FALSE(check_file_name(bad)) << bad;
  EXPECT_FALSE(check_file_name(std::string(300, 'a')));
  EXPECT_FALSE(check_file_name("a/b/c/d/e/f/g/h/i"));
}

TEST(Profile, ShippedProfilesParse) {
  int count = 0;
  for (const auto& e : std::filesystem::directory_iterator(TC_LANGUAGES_DIR)) {
    if (e.path().extension() != ".json") continue;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    auto p = parse_profile(ss.str(), e.path().string());
    EXPECT_TRUE(p) << p.error().message;
    ++count;
  }
  EXPECT_GE(count, 6);
}

}  // namespace
}  // namespace tc::exec
