#include "linux/launcher.hpp"

#include <fcntl.h>
#include <linux/close_range.h>
#include <poll.h>
#include <sched.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <csignal>
#include <exception>

#include "common/write_all.hpp"
#include "linux/classify.hpp"
#include "linux/clone_sandbox.hpp"
#include "linux/copy_in.hpp"
#include "linux/cpu_spread.hpp"
#include "linux/id_map.hpp"
#include "linux/monitor.hpp"
#include "linux/run_dir.hpp"
#include "linux/sandbox_init.hpp"
#include "linux/single_thread.hpp"
#include "linux/status_channel.hpp"

namespace tc::sandbox {

namespace {

using Clock = std::chrono::steady_clock;

// Blocks SIGINT/SIGTERM/SIGHUP into a signalfd and ignores SIGPIPE for the run's duration.
class SignalGuard {
 public:
  static Result<SignalGuard> create() {
    SignalGuard g;
    sigset_t set;
    sigemptyset(&set);
    for (int s : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&set, s);
    if (::sigprocmask(SIG_BLOCK, &set, &g.old_mask_) != 0)
      return sys_error(Phase::setup, "sigprocmask");
    g.active_ = true;
    g.fd_.reset(::signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK));
    if (!g.fd_) return sys_error(Phase::setup, "signalfd");
    struct sigaction ign {};
    ign.sa_handler = SIG_IGN;
    ::sigaction(SIGPIPE, &ign, &g.old_pipe_);
    return g;
  }
  SignalGuard(SignalGuard&& o) noexcept
      : fd_(std::move(o.fd_)),
        old_mask_(o.old_mask_),
        old_pipe_(o.old_pipe_),
        active_(std::exchange(o.active_, false)) {}
  SignalGuard& operator=(SignalGuard&&) = delete;
  ~SignalGuard() {
    if (!active_) return;
    ::sigaction(SIGPIPE, &old_pipe_, nullptr);
    ::sigprocmask(SIG_SETMASK, &old_mask_, nullptr);
  }
  [[nodiscard]] int fd() const noexcept { return fd_.get(); }

 private:
  SignalGuard() = default;
  UniqueFd fd_;
  sigset_t old_mask_{};
  struct sigaction old_pipe_ {};
  bool active_ = false;
};

struct Channels {
  UniqueFd stdin_child, stdin_w;
  UniqueFd stdout_r, stdout_w, stderr_r, stderr_w;
  UniqueFd status_parent, status_child;
  UniqueFd sync_r, sync_w;
};

Result<void> make_pipe(UniqueFd& r, UniqueFd& w, bool nonblock_parent_end_is_read) {
  std::array<int, 2> fds{};
  if (::pipe2(fds.data(), O_CLOEXEC) != 0) return sys_error(Phase::setup, "pipe");
  r.reset(fds[0]);
  w.reset(fds[1]);
  int parent = nonblock_parent_end_is_read ? fds[0] : fds[1];
  ::fcntl(parent, F_SETFL, ::fcntl(parent, F_GETFL) | O_NONBLOCK);
  return {};
}

// Deferred-command sandboxes always get a stdin pipe: the data is known only later.
Result<void> open_stdin(const IoSpec& io, bool deferred, Channels& c) {
  if (io.stdin_kind == IoSpec::Stdin::string || deferred) {
    if (auto r = make_pipe(c.stdin_child, c.stdin_w, false); !r) return r;
    if (io.stdin_data.empty() && !deferred) c.stdin_w.reset();
    return {};
  }
  const char* path = io.stdin_kind == IoSpec::Stdin::file ? io.stdin_file.c_str() : "/dev/null";
  c.stdin_child.reset(::open(path, O_RDONLY | O_CLOEXEC));
  if (!c.stdin_child) return sys_error(Phase::setup, std::string("open stdin ") + path);
  return {};
}

Result<Channels> make_channels(const IoSpec& io, bool deferred) {
  Channels c;
  if (auto r = open_stdin(io, deferred, c); !r) return std::unexpected(r.error());
  if (auto r = make_pipe(c.stdout_r, c.stdout_w, true); !r) return std::unexpected(r.error());
  if (auto r = make_pipe(c.stderr_r, c.stderr_w, true); !r) return std::unexpected(r.error());
  std::array<int, 2> sp{};
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp.data()) != 0)
    return sys_error(Phase::setup, "socketpair");
  c.status_parent.reset(sp[0]);
  c.status_child.reset(sp[1]);
  std::array<int, 2> sync{};
  if (::pipe2(sync.data(), O_CLOEXEC) != 0) return sys_error(Phase::setup, "pipe");
  c.sync_r.reset(sync[0]);
  c.sync_w.reset(sync[1]);
  return c;
}

// In the cloned child: stdio on 0-2, status channel on 3, sync pipe on 4, nothing else.
[[noreturn]] void child_main(const SandboxSpec& spec, const Channels& c, const RunDir& dir,
                             const CpuSpread& cpus) noexcept {
  std::array<int, 5> wanted{c.stdin_child.get(), c.stdout_w.get(), c.stderr_w.get(),
                            c.status_child.get(), c.sync_r.get()};
  std::array<int, 5> moved{};
  for (std::size_t i = 0; i < wanted.size(); ++i)  // above every target first: no dup3 clobbers
    if ((moved[i] = ::fcntl(wanted[i], F_DUPFD_CLOEXEC, 64)) < 0) ::_exit(1);
  for (std::size_t i = 0; i < moved.size(); ++i)
    if (::dup3(moved[i], static_cast<int>(i), i < 3 ? 0 : O_CLOEXEC) < 0) ::_exit(1);
  ::close_range(static_cast<unsigned>(wanted.size()), ~0U, 0);
  InitContext ctx{
      &spec, RootfsPaths{dir.workspace()}, 3, 4, !plan_id_maps(spec.identity).deny_setgroups,
      &cpus};
  run_init(ctx);
}

// Gives the supervisor its own CPU set back however run() ends.
struct SupervisorCpus {
  const CpuSpread& spread;
  ~SupervisorCpus() { spread.restore_supervisor(); }
};

// Kills and reaps the child on every early-return path after the clone.
struct ChildGuard {
  pid_t pid = -1;
  int pidfd = -1;
  ~ChildGuard() {
    if (pid <= 0) return;
    ::syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, nullptr, 0);
    ::waitpid(pid, nullptr, 0);
  }
};

Outcome setup_failure(const Error& e) {
  Outcome o;
  o.status = e.phase == Phase::internal ? Status::internal_error : Status::setup_error;
  o.reason = e.describe();
  return o;
}

Result<RunDir> prepare_run_dir(const SandboxSpec& spec) {
  const auto& ids = spec.identity;
  RunDir::Owners owners{host_uid_of(ids, spec.process.uid), host_gid_of(ids, spec.process.gid)};
  auto dir = RunDir::create(spec.workspace.runtime_base, owners);
  if (!dir) return dir;
  for (const auto& c : spec.workspace.copy_in)
    if (auto r = copy_into_workspace(dir->workspace(), {c.source, c.destination}, owners.user_uid,
                                     owners.user_gid);
        !r)
      return std::unexpected(r.error());
  return dir;
}

Result<void> check_rootfs(const SandboxSpec& spec) {
  if (!spec.root.rootfs_dir) return {};
  struct stat st {};
  const auto& dir = *spec.root.rootfs_dir;
  if (::stat(dir.c_str(), &st) != 0) return sys_error(Phase::setup, "rootfs " + dir.string());
  if (!S_ISDIR(st.st_mode))
    return make_error(Phase::setup, "rootfs " + dir.string() + " is not a directory");
  if (::access(dir.c_str(), R_OK | X_OK) != 0)
    return sys_error(Phase::setup, "rootfs " + dir.string());
  return {};
}

Result<void> signal_child(const UniqueFd& sync_w) {
  char go = 1;
  if (::write(sync_w.get(), &go, 1) != 1) return sys_error(Phase::setup, "release sandbox");
  return {};
}

// Two-step release (docs/SANDBOX.md "Order of operations"): the byte on the sync pipe tells
// init its ids are mapped, so it builds the root filesystem while we prepare the run cgroup
// (late_cgroup: created now rather than before the clone, so it costs no start-up time) or
// attach init to it; the release message on the status channel then allows init to spawn
// the workload and carries the `tasks` fds the workload joins before its execve.
Result<void> release_child(const SandboxSpec& spec, const LaunchHooks& hooks, pid_t pid,
                           Channels& c, LateSeccomp& late_filter) {
  if (auto r = write_id_maps(pid, plan_id_maps(spec.identity)); !r) return r;
  if (auto r = signal_child(c.sync_w); !r) return r;
  std::vector<int> join = hooks.self_attach_fds;
  std::vector<UniqueFd> late;
  if (hooks.late_cgroup) {
    auto fds = hooks.late_cgroup(pid);
    if (!fds) return std::unexpected(fds.error());
    late = std::move(*fds);
    for (const UniqueFd& fd : late) join.push_back(fd.get());
  } else if (hooks.attach_cgroup && join.empty()) {
    if (auto r = hooks.attach_cgroup(pid); !r) return r;
  }
  if (join.size() > static_cast<std::size_t>(kMaxJoinFds))
    return make_error(Phase::internal, "too many cgroup fds to join");
  if (hooks.late_seccomp && spec.seccomp_program.empty()) {
    auto filter = hooks.late_seccomp();
    if (!filter) return std::unexpected(filter.error());
    late_filter = std::move(*filter);
    if (late_filter.program.size() > BPF_MAXINSNS)
      return make_error(Phase::security, "seccomp program too long");
  }
  if (!send_release(c.status_parent.get(), join.data(), static_cast<int>(join.size()),
                    late_filter.program.data(), late_filter.program.size(),
                    late_filter.user_notify))
    return sys_error(Phase::setup, "release sandbox");
  if (!spec.deferred_command) c.sync_w.reset();  // deferred: the command follows on it
  return {};
}

// init reports its own setup errors on the status channel before exiting; when it did, a
// failed attach or release (ESRCH, EPIPE) is only a consequence and init's error is shown.
bool child_reported(const Channels& c) {
  pollfd p{c.status_parent.get(), POLLIN, 0};
  return ::poll(&p, 1, 0) == 1 && (p.revents & POLLIN) != 0;
}

// Deferred-command mode: waits until init reports the sandbox built (or fails).
// (init holds the only sandbox end of the status channel then: its death is EOF there.)
Result<void> wait_until_built(const Channels& c, int signal_fd) {
  for (;;) {
    std::array<pollfd, 2> p{pollfd{c.status_parent.get(), POLLIN, 0}, pollfd{signal_fd, POLLIN, 0}};
    int n = ::poll(p.data(), p.size(), -1);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return sys_error(Phase::internal, "poll");
    if (p[1].revents != 0) {
      signalfd_siginfo info{};  // consumed: it must not kill us when the mask is restored
      (void)::read(signal_fd, &info, sizeof info);
      return make_error(Phase::setup, "interrupted before the command");
    }
    if (p[0].revents == 0) return make_error(Phase::setup, "init exited while building");
    auto msg = receive_status(c.status_parent.get());
    if (!msg) return std::unexpected(msg.error());
    if (!*msg) return make_error(Phase::setup, "init exited while building");
    if ((*msg)->type == MessageType::setup_error) return std::unexpected((*msg)->error);
    if ((*msg)->type == MessageType::sandbox_ready) return {};
  }
}

// The command as a full spec, checked like a command given up front.
Result<void> validate_command(const SandboxSpec& spec, const DeferredCommand& cmd) {
  SandboxSpec check = spec;
  check.deferred_command = false;
  check.idle_until_command = false;
  check.process.args = cmd.args;
  check.process.env = cmd.env;
  check.wall_time = cmd.wall_time;
  check.io.output_limit = cmd.output_limit;
  return validate_spec(check);
}

// idle_until_command: the build ran at SCHED_IDLE; the run itself is ordinary work again.
Result<void> leave_idle(pid_t init) {
  sched_param none{};
  for (pid_t pid : {pid_t{0}, init})
    if (::sched_setscheduler(pid, SCHED_OTHER, &none) != 0)
      return sys_error(Phase::setup, "sched_setscheduler SCHED_OTHER");
  return {};
}

// Waits for the sandbox to be built, then for the command; copies its files in and hands
// argv/env to init. Any error leaves the workload unborn (the caller kills init).
Result<DeferredCommand> take_command(const SandboxSpec& spec, const LaunchHooks& hooks,
                                     const RunDir& dir, Channels& c, int signal_fd, pid_t init) {
  if (auto r = wait_until_built(c, signal_fd); !r) return std::unexpected(r.error());
  auto given = hooks.await_command(signal_fd);
  if (!given) return std::unexpected(given.error());
  if (!*given) return make_error(Phase::setup, "cancelled: no command was given");
  DeferredCommand& cmd = **given;
  if (auto r = validate_command(spec, cmd); !r) return std::unexpected(r.error());
  if (spec.idle_until_command)
    if (auto r = leave_idle(init); !r) return std::unexpected(r.error());
  const auto& ids = spec.identity;
  for (const auto& ci : cmd.copy_in)
    if (auto r = copy_into_workspace(dir.workspace(), {ci.source, ci.destination},
                                     host_uid_of(ids, spec.process.uid),
                                     host_gid_of(ids, spec.process.gid));
        !r)
      return std::unexpected(r.error());
  if (auto r = write_all(c.sync_w.get(), encode_process(cmd.args, cmd.env)); !r)
    return std::unexpected(r.error());
  c.sync_w.reset();
  return std::move(cmd);
}

Outcome run(const SandboxSpec& spec, const LaunchHooks& hooks) {
  if (auto r = validate_spec(spec); !r) return setup_failure(r.error());
  if (auto r = require_single_thread(); !r) return setup_failure(r.error());
  if (auto r = check_rootfs(spec); !r) return setup_failure(r.error());
  auto signals = SignalGuard::create();
  if (!signals) return setup_failure(signals.error());
  auto dir = prepare_run_dir(spec);
  if (!dir) return setup_failure(dir.error());
  if (spec.deferred_command && !hooks.await_command)
    return setup_failure(Error{Phase::internal, "deferred command without await_command", 0});
  if (spec.idle_until_command) {  // init inherits it at clone
    sched_param none{};
    if (::sched_setscheduler(0, SCHED_IDLE, &none) != 0)
      return setup_failure(Error{Phase::setup, "sched_setscheduler SCHED_IDLE", errno});
  }
  auto channels = make_channels(spec.io, spec.deferred_command);
  if (!channels) return setup_failure(channels.error());
  Channels& c = *channels;

  // A pre-built sandbox waits for its command on whatever CPU; spreading pays off only for a
  // run that is built and used at once (cpu_spread.hpp).
  const CpuSpread spread = spec.deferred_command ? CpuSpread{} : CpuSpread::plan();
  auto start = Clock::now();
  auto child = clone_sandbox(namespace_flags(spec.namespaces), hooks.clone_into_cgroup_fd);
  if (!child) return setup_failure(child.error());
  if (child->pid == 0) child_main(spec, c, *dir, spread);
  SupervisorCpus restore{spread};
  ChildGuard guard{child->pid, child->pidfd.get()};
  spread.apply_after_clone(child->pid);
  for (UniqueFd* fd : {&c.stdin_child, &c.stdout_w, &c.stderr_w, &c.status_child, &c.sync_r})
    fd->reset();
  LateSeccomp late_filter;
  if (auto r = release_child(spec, hooks, child->pid, c, late_filter); !r && !child_reported(c))
    return setup_failure(r.error());
  if (hooks.housekeeping) hooks.housekeeping();
  // Deferred-command mode: the per-run part arrives now; the clock starts with it.
  std::optional<DeferredCommand> command;
  if (spec.deferred_command) {
    auto given = take_command(spec, hooks, *dir, c, signals->fd(), child->pid);
    if (!given) return setup_failure(given.error());
    command = std::move(*given);
    start = Clock::now();
  }
  const auto wall_time = command ? command->wall_time : spec.wall_time;
  const std::string_view stdin_data = command ? command->stdin_data : spec.io.stdin_data;
  if (command && stdin_data.empty()) c.stdin_w.reset();

  MonitorInputs in{
      child->pid,
      child->pidfd.get(),
      std::move(c.status_parent),
      std::move(c.stdout_r),
      std::move(c.stderr_r),
      std::move(c.stdin_w),
      stdin_data,
      signals->fd(),
      start + wall_time,
      command ? command->output_limit : spec.io.output_limit,
      spec.io.stream,
      late_filter.on_notification ? late_filter.on_notification : hooks.on_seccomp_notification,
      hooks.tick_interval,
      hooks.on_tick,
      [&hooks, &dir, &command, &spec](bool alone) {
        if (hooks.on_workload_exit) hooks.on_workload_exit();
        // Nothing is left to write into the workspace: remove it while init still tears its
        // namespaces down (unless it is to be kept).
        const auto& keep = command ? command->keep_dir : spec.workspace.keep_dir;
        if (alone && !keep) dir->remove();
      }};
  MonitorResult observed = monitor(std::move(in));
  guard.pid = -1;  // reaped by monitor()
  Outcome outcome =
      classify(std::move(observed), std::chrono::duration<double>(Clock::now() - start).count());
  const auto& keep_dir = command ? command->keep_dir : spec.workspace.keep_dir;
  if (keep_dir)
    if (auto r = dir->keep_workspace(*keep_dir, ::getuid(), ::getgid()); !r)
      outcome.reason += (outcome.reason.empty() ? "" : "; ") + r.error().describe();
  if (hooks.finalize_outcome) hooks.finalize_outcome(outcome);
  return outcome;
}

}  // namespace

Outcome launch(const SandboxSpec& spec, const LaunchHooks& hooks) noexcept {
  try {
    return run(spec, hooks);
  } catch (const std::exception& e) {
    return setup_failure(Error{Phase::internal, e.what(), 0});
  }
}

}  // namespace tc::sandbox
