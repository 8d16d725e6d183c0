#include "filtered_run.hpp"

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include "common/unique_fd.hpp"
#include "linux/seccomp/install.hpp"
#include "linux/seccomp/notification.hpp"

namespace tc::seccomp::testing {
namespace {

struct ChildSetup {
  const CompiledFilter* filter;
  const std::optional<caps::CapPlan>* caps;
  const std::optional<unsigned>* run_as_id;
  char* const* argv;
  int out_fd;
  int null_fd;
  int sock;
};

[[noreturn]] void child_fail(const char* what, int err) {
  char buf[128];
  int n = 0;
  for (const char* p = "tc-filtered-run: "; *p; ++p) buf[n++] = *p;
  for (const char* p = what; *p && n < 100; ++p) buf[n++] = *p;
  buf[n++] = ' ';
  int e = err < 0 ? -err : err;
  char digits[8];
  int d = 0;
  do {
    digits[d++] = static_cast<char>('0' + e % 10);
    e /= 10;
  } while (e && d < 7);
  while (d) buf[n++] = digits[--d];
  buf[n++] = '\n';
  (void)!write(2, buf, static_cast<size_t>(n));
  _exit(126);
}

// Runs in the forked child: async-signal-safe only.
[[noreturn]] void child_main(const ChildSetup& s) {
  if (dup2(s.null_fd, 0) < 0 || dup2(s.out_fd, 1) < 0 || dup2(s.out_fd, 2) < 0)
    child_fail("dup2", errno);
  if (s.run_as_id->has_value()) {
    const unsigned id = **s.run_as_id;
    if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) != 0) child_fail("keepcaps", errno);
    if (setgroups(0, nullptr) != 0) child_fail("setgroups", errno);
    if (setresgid(id, id, id) != 0) child_fail("setresgid", errno);
    if (setresuid(id, id, id) != 0) child_fail("setresuid", errno);
  }
  if (s.caps->has_value())
    if (int rc = caps::apply_cap_plan(**s.caps); rc < 0) child_fail("apply caps", rc);
  if (int rc = set_no_new_privs(); rc < 0) child_fail("no_new_privs", rc);
  if (!s.filter->program.empty()) {
    const int rc =
        install_filter(s.filter->program.data(), s.filter->program.size(), s.filter->user_notify);
    if (rc < 0) child_fail("install filter", rc);
    if (s.filter->user_notify) {
      if (int r = send_fd(s.sock, rc); r < 0) child_fail("send listener", r);
      close(rc);
    }
  }
  close(s.sock);
  execvp(s.argv[0], s.argv);
  child_fail("execvp", errno);
}

std::string read_all(int fd) {
  std::string out;
  char buf[65536];
  off_t off = 0;
  for (;;) {
    const ssize_t n = pread(fd, buf, sizeof buf, off);
    if (n <= 0) return out;
    out.append(buf, static_cast<size_t>(n));
    off += n;
  }
}

}  // namespace

Result<FilteredRunResult> run_filtered(const CompiledFilter& filter,
                                       const std::vector<std::string>& argv,
                                       const FilteredRunOptions& options) {
  if (argv.empty()) return make_error(Phase::usage, "run_filtered: empty argv");
  auto handler = NotificationHandler::create(options.stop_on_violation ? OnViolation::kill_target
                                                                       : OnViolation::deny_only);
  if (!handler) return std::unexpected(handler.error());
  std::vector<char*> cargv;
  for (const auto& a : argv) cargv.push_back(const_cast<char*>(a.c_str()));
  cargv.push_back(nullptr);
  UniqueFd out(memfd_create("tc-filtered-output", MFD_CLOEXEC));
  UniqueFd devnull(open("/dev/null", O_RDONLY | O_CLOEXEC));
  int sv[2];
  if (!out || !devnull || socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
    return sys_error(Phase::setup, "run_filtered: fds");
  UniqueFd parent_sock(sv[0]), child_sock(sv[1]);
  const ChildSetup setup{&filter,       &options.caps, &options.run_as_id, cargv.data(), out.get(),
                         devnull.get(), sv[1]};
  const pid_t pid = fork();
  if (pid < 0) return sys_error(Phase::setup, "run_filtered: fork");
  if (pid == 0) child_main(setup);
  child_sock.reset();
  UniqueFd pidfd(static_cast<int>(syscall(SYS_pidfd_open, pid, 0)));
  UniqueFd listener;
  if (filter.user_notify && !filter.program.empty()) {
    const int fd = receive_fd(parent_sock.get());
    if (fd >= 0) listener.reset(fd);  // else the child failed before; wait for it below
  }
  FilteredRunResult result;
  const auto deadline = std::chrono::steady_clock::now() + options.timeout;
  bool killed = false;
  for (;;) {
    pollfd fds[2] = {{pidfd.get(), POLLIN, 0}, {listener.get(), POLLIN, 0}};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0 && !killed) {
      result.timed_out = true;
      kill(pid, SIGKILL);
      killed = true;
    }
    const int rc = poll(fds, listener ? 2 : 1, killed ? 1000 : static_cast<int>(left.count()));
    if (rc < 0 && errno != EINTR) return sys_error(Phase::exec, "run_filtered: poll");
    if (listener && (fds[1].revents & POLLIN)) {
      if (auto name = handler->handle(listener.get())) {
        result.violations.push_back(*name);
        if (options.stop_on_violation && !killed) {
          kill(pid, SIGKILL);
          killed = true;
        }
      }
    } else if (listener && (fds[1].revents & (POLLHUP | POLLERR))) {
      listener.reset();
    }
    if (fds[0].revents & POLLIN) break;
  }
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return sys_error(Phase::exec, "run_filtered: waitpid");
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.term_signal = WTERMSIG(status);
  result.output = read_all(out.get());
  return result;
}

}  // namespace tc::seccomp::testing
