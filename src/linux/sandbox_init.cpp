#include "linux/sandbox_init.hpp"

#include <poll.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>

#include "linux/capabilities.hpp"
#include "linux/deferred_command.hpp"
#include "linux/loopback.hpp"
#include "linux/status_channel.hpp"
#include "linux/workload.hpp"

namespace tc::sandbox {

namespace {

// One byte from the supervisor; EOF (it gave up) or an error means: do nothing more.
bool wait_for_supervisor(int sync_fd) {
  char byte = 0;
  ssize_t n;
  do n = ::read(sync_fd, &byte, 1);
  while (n < 0 && errno == EINTR);
  return n == 1;
}

Result<void> become_sandbox_root(int status_fd) {
  if (::setresgid(0, 0, 0) != 0)
    return sys_error(Phase::namespaces, "setresgid 0 in the user namespace");
  if (::setresuid(0, 0, 0) != 0)
    return sys_error(Phase::namespaces, "setresuid 0 in the user namespace");
  // Credential changes reset the parent-death signal, so it is set only now.
  if (::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0)
    return sys_error(Phase::setup, "PR_SET_PDEATHSIG");
  pollfd p{status_fd, 0, 0};
  if (::poll(&p, 1, 0) == 1 && (p.revents & (POLLHUP | POLLERR)) != 0)
    return make_error(Phase::setup, "supervisor went away");
  if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
    return sys_error(Phase::security, "PR_SET_DUMPABLE");
  return {};
}

// Steps that need the capabilities of the new user namespace but no id mapping: they run
// while the supervisor writes the maps, so the hand-off rarely has to sleep.
Result<void> prepare_unmapped(const SandboxSpec& spec) {
  if (spec.namespaces.uts && ::sethostname(spec.hostname.data(), spec.hostname.size()) != 0)
    return sys_error(Phase::namespaces, "sethostname");
  if (spec.namespaces.net)
    if (auto r = bring_loopback_up(); !r) return r;
  return {};
}

Result<void> prepare_mapped(const InitContext& ctx) {
  const SandboxSpec& spec = *ctx.spec;
  if (auto r = become_sandbox_root(ctx.status_fd); !r) return r;
  return build_rootfs(spec, ctx.paths);
}

struct WorkloadArgs {
  const InitContext* ctx;
  const Release* release;  // the cgroup fds the workload joins; a late seccomp filter
};

[[noreturn]] void workload_failed(int status_fd, const Error& e) {
  send_setup_error(status_fd, e);
  ::_exit(127);
}

// In the workload, before anything else: join the run cgroup (writing "0" moves the calling
// thread, with the credentials of the fd's opener), then unshare the cgroup namespace, which
// is thus rooted at the run cgroup.
int workload_entry(void* arg) {
  const auto& a = *static_cast<WorkloadArgs*>(arg);
  const InitContext& ctx = *a.ctx;
  const Release& r = *a.release;
  for (int i = 0; i < r.fd_count; ++i) {
    if (::write(r.fds[i], "0", 1) != 1)
      workload_failed(ctx.status_fd, Error{Phase::cgroup, "join the run cgroup", errno});
    ::close(r.fds[i]);
  }
  if (ctx.spec->namespaces.cgroup && ::unshare(CLONE_NEWCGROUP) != 0)
    workload_failed(ctx.status_fd, Error{Phase::namespaces, "unshare cgroup namespace", errno});
  run_workload(*ctx.spec, ctx.status_fd, ctx.setgroups_allowed,
               SeccompFilter{r.filter.data(), r.filter.size(), r.filter_notify});
}

// Starts the workload the way posix_spawn does: clone(CLONE_VM | CLONE_VFORK) on a private
// stack. The child shares init's memory only until its execve (or _exit), and init is
// suspended meanwhile, so nothing runs concurrently in the shared address space. Compared
// with fork() this saves copying init's page tables, the copy-on-write faults of both
// processes and the teardown of the copy at execve (docs/SANDBOX.md "Start-up cost").
// Everything the workload changes before execve (credentials, signal dispositions, fds,
// rlimits, cwd, seccomp) is per task without CLONE_THREAD/SIGHAND/FILES/FS. Returns the
// workload's pid, or -1 with errno set.
pid_t spawn_workload(const InitContext& ctx, const Release& release) {
  constexpr std::size_t kStack = 256 * 1024;
  void* stack = ::mmap(nullptr, kStack, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
  if (stack == MAP_FAILED) return -1;
  WorkloadArgs args{&ctx, &release};
  pid_t pid = ::clone(workload_entry, static_cast<char*>(stack) + kStack,
                      CLONE_VM | CLONE_VFORK | SIGCHLD, &args);
  int err = errno;
  ::munmap(stack, kStack);  // the child has exec'd or exited: its stack is no longer used
  // A credential change in the child reset the *shared* mm's dumpable flag to
  // fs.suid_dumpable; init stays non-dumpable whatever the host's setting.
  ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  errno = err;
  return pid;
}

[[noreturn]] void reap_until_workload_exits(pid_t workload, int status_fd) {
  for (;;) {
    int status = 0;
    pid_t pid = ::waitpid(-1, &status, __WALL);
    if (pid == workload) {
      // Reap what has already exited; no child left at all means no process is left in the
      // pid namespace (orphans are init's children), so the supervisor may clean up now.
      pid_t more;
      do more = ::waitpid(-1, nullptr, WNOHANG | __WALL);
      while (more > 0 || (more < 0 && errno == EINTR));
      send_workload_exit(status_fd, status, more < 0 && errno == ECHILD);
      ::_exit(0);
    }
    if (pid < 0 && errno != EINTR) ::_exit(1);  // cannot happen while the workload lives
  }
}

// Deferred-command mode: tell the supervisor everything is built, then take the command
// (argv, environment) it sends over the sync pipe into `local`, a copy of the spec.
Result<void> receive_command(const InitContext& ctx, SandboxSpec& local) {
  if (!send_sandbox_ready(ctx.status_fd)) return make_error(Phase::setup, "supervisor went away");
  auto blob = read_process_blob(ctx.sync_fd);
  if (!blob) return std::unexpected(blob.error());
  local = *ctx.spec;
  return decode_process(*blob, local.process.args, local.process.env);
}

[[noreturn]] void fail(int status_fd, const Error& e) {
  send_setup_error(status_fd, e);
  ::_exit(1);
}

}  // namespace

void run_init(const InitContext& ctx) noexcept {
  ::setsid();  // no controlling terminal: /dev/tty cannot reach the caller's (TIOCSTI)
  auto early = prepare_unmapped(*ctx.spec);
  if (!wait_for_supervisor(ctx.sync_fd)) ::_exit(1);  // ids mapped
  if (auto r = early ? prepare_mapped(ctx) : early; !r) {
    send_setup_error(ctx.status_fd, r.error());
    ::_exit(1);
  }
  Release release;  // the run cgroup exists (its fds), the filter is known: go
  if (!receive_release(ctx.status_fd, release)) ::_exit(1);
  SandboxSpec deferred;
  InitContext with_command = ctx;
  if (ctx.spec->deferred_command) {
    if (auto r = receive_command(ctx, deferred); !r) fail(ctx.status_fd, r.error());
    with_command.spec = &deferred;
  }
  ::close(ctx.sync_fd);
  if (ctx.cpus != nullptr) ctx.cpus->widen_self();  // the workload gets the caller's CPUs
  pid_t workload = spawn_workload(with_command, release);
  if (ctx.cpus != nullptr) ctx.cpus->narrow_self();
  if (workload < 0) fail(ctx.status_fd, Error{Phase::setup, "clone workload", errno});
  for (int i = 0; i < release.fd_count; ++i) ::close(release.fds[i]);
  for (int fd = 0; fd <= 2; ++fd) ::close(fd);
  (void)caps::apply_cap_plan(caps::CapPlan{});  // init keeps nothing either
  ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
  reap_until_workload_exits(workload, ctx.status_fd);
}

}  // namespace tc::sandbox
