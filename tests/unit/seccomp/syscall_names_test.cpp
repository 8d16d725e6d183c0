// Unit tests: syscall and errno names as reported to users.
#include "linux/seccomp/syscall_names.hpp"

#include <gtest/gtest.h>
#include <linux/audit.h>

#include <cerrno>

#include "linux/seccomp/errno_names.hpp"

namespace tc::seccomp {
namespace {

TEST(SyscallNames, LookupKnowsNativeAndForeignNames) {
  EXPECT_EQ(lookup_syscall("mount").native_number, 165);
  EXPECT_TRUE(lookup_syscall("socketcall").known);  // i386 only
  EXPECT_FALSE(lookup_syscall("socketcall").native_number);
  EXPECT_FALSE(lookup_syscall("mout").known);
  EXPECT_FALSE(lookup_syscall("").known);
}

TEST(SyscallNames, DescribeNamesTheAbi) {
  EXPECT_EQ(describe_syscall(AUDIT_ARCH_X86_64, 165), "mount");
  EXPECT_EQ(describe_syscall(AUDIT_ARCH_I386, 21), "i386:mount");
  EXPECT_EQ(describe_syscall(AUDIT_ARCH_X86_64, 0x40000000 | 39), "x32:getpid");
  EXPECT_EQ(describe_syscall(AUDIT_ARCH_X86_64, 1000), "syscall#1000");
}

TEST(ErrnoNames, RoundTripAndNumbers) {
  EXPECT_EQ(errno_from_name("ENOSYS"), ENOSYS);
  EXPECT_EQ(errno_from_name("13"), 13);
  EXPECT_FALSE(errno_from_name("0"));
  EXPECT_FALSE(errno_from_name("4096"));
  EXPECT_FALSE(errno_from_name("enosys"));
  EXPECT_EQ(errno_name(EPERM), "EPERM");
  EXPECT_EQ(errno_name(200), "E200");
}

}  // namespace
}  // namespace tc::seccomp
