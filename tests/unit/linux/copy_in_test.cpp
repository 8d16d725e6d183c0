#include "linux/copy_in.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace {

namespace fs = std::filesystem;

std::string dest(std::string_view arg) {
  auto r = tc::sandbox::parse_copy_in(arg);
  return r ? r->destination.string() : "error: " + r.error().message;
}

TEST(CopyIn, ParsesSourceAndDestination) {
  auto r = tc::sandbox::parse_copy_in("/host/dir:sub/dst");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->source, "/host/dir");
  EXPECT_EQ(r->destination, "sub/dst");
  EXPECT_EQ(dest("/host/file.txt"), "file.txt");
  EXPECT_EQ(dest("/host/dir/"), "dir");
  EXPECT_EQ(dest("x:/workspace/a/b"), "a/b");
  EXPECT_EQ(dest("x:a//b/./c/"), "a/b/c");
}

TEST(CopyIn, RejectsEscapesAndEmptyParts) {
  for (const char* bad : {"x:../a", "x:a/../../b", "x:a/..", "x:/etc/passwd", "x:/workspace/../a",
                          "x:.", "x:", "x:/workspace", ":dst", ""})
    EXPECT_EQ(dest(bad).rfind("error: ", 0), 0u) << bad;
}

class CopyInFs : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/tc-copyin-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    root_ = tmpl;
    fs::create_directories(root_ / "ws");
    fs::create_directories(root_ / "src/sub");
    std::ofstream(root_ / "src/sub/f") << "data";
  }
  void TearDown() override { fs::remove_all(root_); }
  tc::Result<void> copy(const fs::path& src, const fs::path& dst) {
    return tc::sandbox::copy_into_workspace(root_ / "ws", {src, dst}, ::getuid(), ::getgid());
  }
  fs::path root_;
};

TEST_F(CopyInFs, CopiesTreesAndCreatesParents) {
  ASSERT_TRUE(copy(root_ / "src", "a/b/src"));
  std::ifstream in(root_ / "ws/a/b/src/sub/f");
  std::string s;
  in >> s;
  EXPECT_EQ(s, "data");
}

TEST_F(CopyInFs, RefusesExistingDestinationsAndSymlinkedParents) {
  ASSERT_TRUE(copy(root_ / "src/sub/f", "f"));
  EXPECT_FALSE(copy(root_ / "src/sub/f", "f"));
  fs::create_directories(root_ / "outside");
  fs::create_directory_symlink(root_ / "outside", root_ / "ws/link");
  auto r = copy(root_ / "src/sub/f", "link/f");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("not a directory"), std::string::npos);
  EXPECT_FALSE(fs::exists(root_ / "outside/f"));
}

TEST_F(CopyInFs, RefusesMissingSourceAndSpecialFiles) {
  EXPECT_FALSE(copy(root_ / "nope", "x"));
  EXPECT_FALSE(copy("/dev/null", "null"));
}

}  // namespace
