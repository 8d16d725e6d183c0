#include "linux/output_capture.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

TEST(OutputCapture, KeepsEverythingUnderTheLimit) {
  tc::sandbox::OutputCapture c(10, -1);
  c.append("hello");
  c.append("world");
  EXPECT_FALSE(c.exceeded());
  EXPECT_EQ(c.stream().data, "helloworld");
  EXPECT_EQ(c.stream().total_bytes, 10u);
  EXPECT_FALSE(c.stream().truncated);
}

TEST(OutputCapture, TruncatesAtTheLimitAndCountsEverything) {
  tc::sandbox::OutputCapture c(4, -1);
  c.append("abc");
  c.append("defgh");
  c.append("ij");
  EXPECT_TRUE(c.exceeded());
  auto s = c.take();
  EXPECT_EQ(s.data, "abcd");
  EXPECT_EQ(s.total_bytes, 10u);
  EXPECT_TRUE(s.truncated);
}

TEST(OutputCapture, StreamModeForwardsBoundedBytesWithoutStoring) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  tc::sandbox::OutputCapture c(5, fds[1]);
  c.append("123");
  c.append("4567");
  ::close(fds[1]);
  char buf[16] = {};
  ssize_t n = ::read(fds[0], buf, sizeof buf);
  ::close(fds[0]);
  EXPECT_EQ(std::string(buf, static_cast<std::size_t>(n)), "12345");
  EXPECT_TRUE(c.stream().data.empty());
  EXPECT_EQ(c.stream().total_bytes, 7u);
  EXPECT_TRUE(c.exceeded());
}
