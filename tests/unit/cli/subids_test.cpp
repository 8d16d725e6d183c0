#include "cli/subids.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace {

using tc::cli::parse_subid_line;

TEST(SubIds, ParsesOwnerStartCount) {
  auto r = parse_subid_line("alice:100000:65536");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->owner, "alice");
  EXPECT_EQ(r->start, 100000u);
  EXPECT_EQ(r->count, 65536u);
  EXPECT_TRUE(parse_subid_line("1001:200000:10"));
}

TEST(SubIds, RejectsMalformedLines) {
  for (const char* bad :
       {"", "# comment", "alice", "alice:1", ":1:2", "alice:x:1", "alice:1:", "alice:1:0",
        "alice:0:5", "alice:-1:5", "alice:1:2:3", "alice:4294967295:2", "alice: 1:2"})
    EXPECT_FALSE(parse_subid_line(bad)) << bad;
}

TEST(SubIds, FindsTheFirstRangeByNameOrId) {
  char path[] = "/tmp/subid-test-XXXXXX";
  int fd = ::mkstemp(path);
  ASSERT_GE(fd, 0);
  ::close(fd);
  {
    std::ofstream out(path);
    out << "bob:1:1\ngarbage\n4242:300000:100\nalice:100000:65536\nalice:9:9\n";
  }
  auto by_name = tc::cli::find_sub_range(path, "alice", 7);
  ASSERT_TRUE(by_name);
  EXPECT_EQ(by_name->start, 100000u);
  auto by_id = tc::cli::find_sub_range(path, "", 4242);
  ASSERT_TRUE(by_id);
  EXPECT_EQ(by_id->count, 100u);
  EXPECT_FALSE(tc::cli::find_sub_range(path, "carol", 5));
  EXPECT_FALSE(tc::cli::find_sub_range("/nonexistent/subuid", "alice", 1));
  ::unlink(path);
}

}  // namespace
