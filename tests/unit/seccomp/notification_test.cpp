// Integration tests: NotificationHandler robustness (the target dies, nothing pending).
#include "linux/seccomp/notification.hpp"

#include <gtest/gtest.h>
#include <poll.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>

#include "common/unique_fd.hpp"
#include "linux/seccomp/install.hpp"
#include "linux/seccomp/policy_builder.hpp"

namespace tc::seccomp {
namespace {

// A child that installs "mount = violation" with a listener, hands the listener over,
// then calls mount() and blocks in it until answered.
struct BlockedChild {
  pid_t pid = -1;
  UniqueFd listener;
};

BlockedChild start_blocked_child(const CompiledFilter& f) {
  int sv[2];
  EXPECT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
  BlockedChild c;
  c.pid = fork();
  if (c.pid == 0) {
    if (set_no_new_privs() != 0) _exit(2);
    const int l = install_filter(f.program.data(), f.program.size(), true);
    if (l < 0 || send_fd(sv[1], l) != 0) _exit(3);
    close(l);
    mount("none", "/tmp", "tmpfs", 0, nullptr);
    _exit(0);
  }
  close(sv[1]);
  c.listener.reset(receive_fd(sv[0]));
  close(sv[0]);
  return c;
}

CompiledFilter mount_violation_filter() {
  auto f = SeccompPolicyBuilder()
               .default_action(Action{ActionKind::allow, 0})
               .violation("mount")
               .build();
  EXPECT_TRUE(f) << f.error().describe();
  return *f;
}

bool wait_readable(int fd) {
  pollfd p{fd, POLLIN, 0};
  return poll(&p, 1, 5000) == 1 && (p.revents & POLLIN);
}

TEST(NotificationHandler, TargetDeathBeforeReceiveIsNotAHang) {
  const CompiledFilter f = mount_violation_filter();
  BlockedChild c = start_blocked_child(f);
  ASSERT_TRUE(c.listener);
  ASSERT_TRUE(wait_readable(c.listener.get()));  // the notification is pending
  kill(c.pid, SIGKILL);
  int status = 0;
  ASSERT_EQ(waitpid(c.pid, &status, 0), c.pid);
  auto h = NotificationHandler::create();
  ASSERT_TRUE(h);
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(h->handle(c.listener.get()), std::nullopt);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(1));
}

TEST(NotificationHandler, NothingPendingReturnsImmediately) {
  const CompiledFilter f = mount_violation_filter();
  int sv[2];
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv), 0);
  const pid_t pid = fork();
  if (pid == 0) {
    if (set_no_new_privs() != 0) _exit(2);
    const int l = install_filter(f.program.data(), f.program.size(), true);
    if (l < 0 || send_fd(sv[1], l) != 0) _exit(3);
    pause();  // no syscall to report
    _exit(0);
  }
  close(sv[1]);
  UniqueFd listener(receive_fd(sv[0]));
  close(sv[0]);
  auto h = NotificationHandler::create();
  ASSERT_TRUE(h);
  EXPECT_EQ(h->handle(listener.get()), std::nullopt);
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
}

TEST(NotificationHandler, CallbackNamesAndKillsTheTarget) {
  const CompiledFilter f = mount_violation_filter();
  BlockedChild c = start_blocked_child(f);
  ASSERT_TRUE(c.listener);
  auto cb = make_notification_callback();
  ASSERT_TRUE(cb);
  ASSERT_TRUE(wait_readable(c.listener.get()));
  EXPECT_EQ((*cb)(c.listener.get()), "mount");
  int status = 0;
  ASSERT_EQ(waitpid(c.pid, &status, 0), c.pid);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

}  // namespace
}  // namespace tc::seccomp
