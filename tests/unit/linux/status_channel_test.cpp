#include "linux/status_channel.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <vector>

namespace {

struct Pair {
  Pair() { EXPECT_EQ(::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds), 0); }
  ~Pair() {
    ::close(fds[0]);
    if (fds[1] >= 0) ::close(fds[1]);
  }
  int fds[2] = {-1, -1};
};

TEST(StatusChannel, SetupErrorRoundTrip) {
  Pair p;
  ASSERT_TRUE(
      tc::sandbox::send_setup_error(p.fds[1], tc::Error{tc::Phase::mount, "bind /usr", EPERM}));
  auto m = tc::sandbox::receive_status(p.fds[0]);
  ASSERT_TRUE(m && *m);
  EXPECT_EQ((*m)->type, tc::sandbox::MessageType::setup_error);
  EXPECT_EQ((*m)->error.describe(), "mount: bind /usr: Operation not permitted");
}

TEST(StatusChannel, LongMessagesAreCutNotOverflowed) {
  Pair p;
  ASSERT_TRUE(tc::sandbox::send_setup_error(p.fds[1],
                                            tc::Error{tc::Phase::exec, std::string(5000, 'x'), 0}));
  auto m = tc::sandbox::receive_status(p.fds[0]);
  ASSERT_TRUE(m && *m);
  EXPECT_LT((*m)->error.message.size(), 1000u);
}

TEST(StatusChannel, WaitStatusFdPassingAndEof) {
  Pair p;
  ASSERT_TRUE(tc::sandbox::send_workload_exit(p.fds[1], 3 << 8));
  int null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  ASSERT_TRUE(tc::sandbox::send_fd(p.fds[1], tc::sandbox::MessageType::seccomp_listener, null));
  ::close(null);
  ::close(p.fds[1]);
  p.fds[1] = -1;
  auto exit_msg = tc::sandbox::receive_status(p.fds[0]);
  ASSERT_TRUE(exit_msg && *exit_msg);
  EXPECT_EQ((*exit_msg)->wait_status, 3 << 8);
  auto fd_msg = tc::sandbox::receive_status(p.fds[0]);
  ASSERT_TRUE(fd_msg && *fd_msg);
  EXPECT_TRUE((*fd_msg)->passed_fd.valid());
  EXPECT_NE(::fcntl((*fd_msg)->passed_fd.get(), F_GETFD) & FD_CLOEXEC, 0);
  auto eof = tc::sandbox::receive_status(p.fds[0]);
  ASSERT_TRUE(eof);
  EXPECT_FALSE(*eof);
}

TEST(StatusChannel, WorkloadExitSaysWhetherInitIsAlone) {
  Pair p;
  ASSERT_TRUE(tc::sandbox::send_workload_exit(p.fds[1], 0, true));
  ASSERT_TRUE(tc::sandbox::send_workload_exit(p.fds[1], 9, false));
  auto a = tc::sandbox::receive_status(p.fds[0]);
  auto b = tc::sandbox::receive_status(p.fds[0]);
  ASSERT_TRUE(a && *a && b && *b);
  EXPECT_TRUE((*a)->alone);
  EXPECT_FALSE((*b)->alone);
  EXPECT_EQ((*b)->wait_status, 9);
}

TEST(StatusChannel, GarbageIsAProtocolError) {
  Pair p;
  ASSERT_EQ(::send(p.fds[1], "xy", 2, 0), 2);
  EXPECT_FALSE(tc::sandbox::receive_status(p.fds[0]));
}

// The supervisor's release: the cgroup fds arrive close-on-exec and in order, the filter
// (when there is one) byte for byte with its notification flag.
TEST(StatusChannel, ReleaseCarriesTheJoinFdsAndTheFilter) {
  Pair p;
  int a = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  int b = ::open("/dev/zero", O_RDONLY | O_CLOEXEC);
  const int sent[] = {a, b};
  ASSERT_TRUE(tc::sandbox::send_release(p.fds[0], sent, 2));
  ::close(a);
  ::close(b);
  tc::sandbox::Release got;
  ASSERT_TRUE(tc::sandbox::receive_release(p.fds[1], got));
  ASSERT_EQ(got.fd_count, 2);
  EXPECT_TRUE(got.filter.empty());
  for (int fd : {got.fds[0], got.fds[1]}) EXPECT_NE(::fcntl(fd, F_GETFD) & FD_CLOEXEC, 0);
  char c = 1;
  EXPECT_EQ(::read(got.fds[1], &c, 1), 1);  // /dev/zero, the second one sent
  EXPECT_EQ(c, 0);
  EXPECT_EQ(::read(got.fds[0], &c, 1), 0);  // /dev/null
  ::close(got.fds[0]);
  ::close(got.fds[1]);

  std::vector<sock_filter> prog(BPF_MAXINSNS);
  for (std::size_t i = 0; i < prog.size(); ++i)
    prog[i] = sock_filter{static_cast<std::uint16_t>(i), 1, 2, static_cast<std::uint32_t>(i * 7)};
  ASSERT_TRUE(tc::sandbox::send_release(p.fds[0], nullptr, 0, prog.data(), prog.size(), true));
  ASSERT_TRUE(tc::sandbox::receive_release(p.fds[1], got));
  EXPECT_EQ(got.fd_count, 0);
  ASSERT_EQ(got.filter.size(), prog.size());
  EXPECT_EQ(std::memcmp(got.filter.data(), prog.data(), prog.size() * sizeof(sock_filter)), 0);
  EXPECT_TRUE(got.filter_notify);
  ASSERT_TRUE(tc::sandbox::send_release(p.fds[0], nullptr, 0, prog.data(), 3, false));
  ASSERT_TRUE(tc::sandbox::receive_release(p.fds[1], got));
  EXPECT_EQ(got.filter.size(), 3u);
  EXPECT_FALSE(got.filter_notify);

  EXPECT_FALSE(tc::sandbox::send_release(p.fds[0], sent, tc::sandbox::kMaxJoinFds + 1));
  EXPECT_FALSE(
      tc::sandbox::send_release(p.fds[0], nullptr, 0, prog.data(), BPF_MAXINSNS + 1, false));
}

// EOF (the supervisor gave up) and anything but a release message: false, no fd is kept.
TEST(StatusChannel, ReleaseRefusesEofAndGarbage) {
  tc::sandbox::Release got;
  {
    Pair p;
    ::close(p.fds[0]);
    p.fds[0] = ::open("/dev/null", O_RDONLY | O_CLOEXEC);  // keep the destructor happy
    EXPECT_FALSE(tc::sandbox::receive_release(p.fds[1], got));
  }
  Pair p;
  ASSERT_TRUE(tc::sandbox::send_workload_exit(p.fds[0], 0));  // a status message, not a release
  EXPECT_FALSE(tc::sandbox::receive_release(p.fds[1], got));
  ASSERT_EQ(::send(p.fds[0], "X", 1, 0), 1);
  EXPECT_FALSE(tc::sandbox::receive_release(p.fds[1], got));
  ASSERT_EQ(::send(p.fds[0], "Nabc", 4, 0), 4);  // a filter that is not whole instructions
  EXPECT_FALSE(tc::sandbox::receive_release(p.fds[1], got));
  ASSERT_EQ(::send(p.fds[0], "R12345678", 9, 0), 9);  // 'R' carries no filter
  EXPECT_FALSE(tc::sandbox::receive_release(p.fds[1], got));
  EXPECT_EQ(got.fd_count, 0);
}

}  // namespace
