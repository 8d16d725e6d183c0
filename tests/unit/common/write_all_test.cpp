// common/write_all.hpp: whole buffers through pipes and sockets; a closed peer is an error.
#include "common/write_all.hpp"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <thread>

namespace {

std::string read_until_eof(int fd) {
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  return out;
}

TEST(WriteAll, MoreThanAPipeHoldsArrivesWhole) {
  int p[2];
  ASSERT_EQ(::pipe(p), 0);
  const std::string data(300000, 'x');  // > the 64 KiB pipe buffer: several short writes
  std::string got;
  std::thread reader([&] { got = read_until_eof(p[0]); });
  ASSERT_TRUE(tc::write_all(p[1], data));
  ::close(p[1]);
  reader.join();
  ::close(p[0]);
  EXPECT_EQ(got, data);
}

TEST(SendAll, WholeBufferAndEpipeWithoutSignal) {
  int sp[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, sp), 0);
  const std::string data(500000, 'y');
  std::string got;
  std::thread reader([&] { got = read_until_eof(sp[1]); });
  ASSERT_TRUE(tc::send_all(sp[0], data));
  ::shutdown(sp[0], SHUT_WR);
  reader.join();
  EXPECT_EQ(got, data);
  ::close(sp[1]);
  auto r = tc::send_all(sp[0], "after the peer closed");  // would be SIGPIPE with write(2)
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().sys_errno, EPIPE);
  EXPECT_EQ(r.error().phase, tc::Phase::io);
  ::close(sp[0]);
}

}  // namespace
