#include "common/error.hpp"

#include <gtest/gtest.h>

TEST(Error, DescribeNamesPhaseMessageAndErrno) {
  tc::Error e{tc::Phase::mount, "bind /usr", ENOENT};
  EXPECT_EQ(e.describe(), "mount: bind /usr: No such file or directory");
  tc::Error plain{tc::Phase::usage, "missing command", 0};
  EXPECT_EQ(plain.describe(), "usage: missing command");
}

TEST(Error, SysErrorCapturesErrno) {
  errno = EACCES;
  tc::Result<int> r = tc::sys_error(tc::Phase::setup, "open x");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().sys_errno, EACCES);
  EXPECT_EQ(r.error().phase, tc::Phase::setup);
}
