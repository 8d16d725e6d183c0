// The command document of `tinycontainer run --command-fd` (executor/command_doc.hpp).
#include "executor/command_doc.hpp"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

namespace {

using tc::exec::CommandDefaults;
using tc::exec::parse_command_doc;
namespace fs = std::filesystem;

CommandDefaults defaults() {
  CommandDefaults d;
  d.env = {"PATH=/usr/bin:/bin", "HOME=/workspace", "LANG=C.UTF-8"};
  d.wall_time = std::chrono::seconds(10);
  d.output_limit = 1 << 20;
  d.max_stdin = 64;
  return d;
}

TEST(CommandDoc, MinimalDocumentTakesTheDefaults) {
  auto c = parse_command_doc(R"({"args": ["python3", "main.py"]})", defaults());
  ASSERT_TRUE(c) << c.error().describe();
  EXPECT_EQ(c->args, (std::vector<std::string>{"python3", "main.py"}));
  EXPECT_EQ(c->env, defaults().env);
  EXPECT_EQ(c->wall_time, std::chrono::seconds(10));
  EXPECT_EQ(c->output_limit, 1u << 20);
  EXPECT_TRUE(c->stdin_data.empty());
  EXPECT_TRUE(c->copy_in.empty());
  EXPECT_FALSE(c->keep_dir);
}

TEST(CommandDoc, EveryFieldIsApplied) {
  auto c = parse_command_doc(
      R"({"args": ["a"], "env": ["HOME=/tmp", "X=1"], "stdin": "in", "copy_in": ["/etc/hostname:h", "/etc/passwd"],
          "keep_workspace": "/nonexistent/keep", "wall_time": "250ms", "output_limit": "2KiB"})",
      defaults());
  ASSERT_TRUE(c) << c.error().describe();
  EXPECT_EQ(c->env,
            (std::vector<std::string>{"PATH=/usr/bin:/bin", "LANG=C.UTF-8", "HOME=/tmp", "X=1"}));
  EXPECT_EQ(c->stdin_data, "in");
  ASSERT_EQ(c->copy_in.size(), 2u);
  EXPECT_EQ(c->copy_in[0].source, "/etc/hostname");
  EXPECT_EQ(c->copy_in[0].destination, "h");
  EXPECT_EQ(c->copy_in[1].destination, "passwd");
  EXPECT_EQ(c->keep_dir, fs::path("/nonexistent/keep"));
  EXPECT_EQ(c->wall_time, std::chrono::milliseconds(250));
  EXPECT_EQ(c->output_limit, 2048u);
}

TEST(CommandDoc, StdinFileIsReadAndBounded) {
  const fs::path small = fs::temp_directory_path() / ("tc-doc-small-" + std::to_string(::getpid()));
  const fs::path big = fs::temp_directory_path() / ("tc-doc-big-" + std::to_string(::getpid()));
  std::ofstream(small) << "hello";
  std::ofstream(big) << std::string(65, 'x');
  auto ok = parse_command_doc(R"({"args": ["cat"], "stdin_file": ")" + small.string() + "\"}",
                              defaults());
  ASSERT_TRUE(ok) << ok.error().describe();
  EXPECT_EQ(ok->stdin_data, "hello");
  auto too_big =
      parse_command_doc(R"({"args": ["cat"], "stdin_file": ")" + big.string() + "\"}", defaults());
  ASSERT_FALSE(too_big);
  EXPECT_NE(too_big.error().message.find("larger than 64"), std::string::npos);
  auto dir = parse_command_doc(R"({"args": ["cat"], "stdin_file": "/tmp"})", defaults());
  EXPECT_FALSE(dir);
  fs::remove(small);
  fs::remove(big);
}

TEST(CommandDoc, RefusalsNameTheField) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"", "not valid JSON"},
      {"[]", "JSON object"},
      {"{}", "\"args\" is required"},
      {R"({"args": []})", "must name a command"},
      {R"({"args": [""]})", "must name a command"},
      {R"({"args": ["a", 1]})", "array of strings"},
      {R"({"args": ["a"], "argz": 1})", "unknown field \"argz\""},
      {R"({"args": ["a"], "env": ["NOEQUALS"]})", "NAME=VALUE"},
      {R"({"args": ["a"], "env": ["9X=1"]})", "NAME=VALUE"},
      {R"({"args": ["a"], "stdin": 5})", "\"stdin\" must be a string"},
      {R"({"args": ["a"], "stdin": "x", "stdin_file": "/etc/hostname"})", "exclusive"},
      {R"({"args": ["a"], "copy_in": ["/etc/hostname:../x"]})", "copy_in"},
      {R"({"args": ["a"], "keep_workspace": ""})", "must not be empty"},
      {R"({"args": ["a"], "keep_workspace": "/tmp"})", "already exists"},
      {R"({"args": ["a"], "wall_time": "fast"})", "wall_time"},
      {R"({"args": ["a"], "output_limit": "lots"})", "output_limit"},
  };
  for (const auto& [doc, want] : cases) {
    auto c = parse_command_doc(doc, defaults());
    ASSERT_FALSE(c) << doc;
    EXPECT_EQ(c.error().phase, tc::Phase::usage) << doc;
    EXPECT_NE(c.error().message.find(want), std::string::npos) << doc << " → " << c.error().message;
  }
}

TEST(CommandDoc, MadeDocumentsParseBack) {
  tc::exec::CommandDocFields f;
  f.args = {"sh", "-c", "echo \"quoted\" \xff"};
  f.env = {"A=1"};
  f.copy_in = {"/etc/hostname:h"};
  f.wall_time = "1500000us";
  f.output_limit = "4096";
  auto c = parse_command_doc(tc::exec::make_command_doc(f), defaults());
  ASSERT_TRUE(c) << c.error().describe();
  EXPECT_EQ(c->args[0], "sh");
  EXPECT_EQ(c->args[2], "echo \"quoted\" \xEF\xBF\xBD");  // invalid UTF-8 → U+FFFD, no throw
  EXPECT_EQ(c->wall_time, std::chrono::milliseconds(1500));
  EXPECT_EQ(c->output_limit, 4096u);
}

TEST(CommandDoc, AwaitWritesReadyThenReadsUntilEof) {
  int sp[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, sp), 0);
  std::thread other([fd = sp[1]] {
    char buf[6];
    ASSERT_EQ(::read(fd, buf, 6), 6);
    EXPECT_EQ(std::string(buf, 6), "ready\n");
    const std::string doc = R"({"args": ["true"]})";
    ASSERT_EQ(::write(fd, doc.data(), doc.size()), static_cast<ssize_t>(doc.size()));
    ::shutdown(fd, SHUT_WR);
  });
  auto got = tc::exec::await_command_doc(sp[0], -1, defaults());
  other.join();
  ASSERT_TRUE(got) << got.error().describe();
  ASSERT_TRUE(*got);
  EXPECT_EQ((*got)->args, std::vector<std::string>{"true"});
  ::close(sp[0]);
  ::close(sp[1]);

  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, sp), 0);
  ::shutdown(sp[1], SHUT_WR);  // EOF without a byte: cancelled
  auto cancelled = tc::exec::await_command_doc(sp[0], -1, defaults());
  ASSERT_TRUE(cancelled);
  EXPECT_FALSE(*cancelled);
  ::close(sp[0]);
  ::close(sp[1]);
}

}  // namespace
