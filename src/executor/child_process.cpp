#include "executor/child_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>

#include "common/unique_fd.hpp"

namespace tc::exec {

namespace {

struct Pipe {
  UniqueFd read;
  UniqueFd write;
};

Result<Pipe> make_pipe() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return sys_error(Phase::io, "pipe2");
  return Pipe{UniqueFd(fds[0]), UniqueFd(fds[1])};
}

// RAII for posix_spawn_file_actions_t.
class FileActions {
 public:
  FileActions() { ::posix_spawn_file_actions_init(&fa_); }
  ~FileActions() { ::posix_spawn_file_actions_destroy(&fa_); }
  FileActions(const FileActions&) = delete;
  FileActions& operator=(const FileActions&) = delete;
  posix_spawn_file_actions_t* get() { return &fa_; }

 private:
  posix_spawn_file_actions_t fa_;
};

std::vector<char*> c_strings(const std::vector<std::string>& v) {
  std::vector<char*> out;
  out.reserve(v.size() + 1);
  for (const auto& s : v) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

void append_bounded(std::string& buf, bool& truncated, const char* data, std::size_t n,
                    std::size_t max) {
  const std::size_t room = max > buf.size() ? max - buf.size() : 0;
  if (n > room) truncated = true;
  buf.append(data, std::min(n, room));
}

// Reads both pipes until EOF on both or the deadline; returns false on timeout.
bool drain(int out_fd, int err_fd, CapturedRun& run, const CaptureOptions& o) {
  const auto deadline = std::chrono::steady_clock::now() + o.timeout;
  std::array<pollfd, 2> fds{pollfd{out_fd, POLLIN, 0}, pollfd{err_fd, POLLIN, 0}};
  std::array<char, 65536> buf;
  int open = 2;
  while (open > 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    int n = ::poll(fds.data(), fds.size(), static_cast<int>(left.count()) + 1);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) continue;
    for (std::size_t i = 0; i < fds.size(); ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      ssize_t got = ::read(fds[i].fd, buf.data(), buf.size());
      if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
      if (got <= 0) {
        fds[i].fd = -1;
        --open;
        continue;
      }
      if (i == 0) append_bounded(run.out, run.out_truncated, buf.data(), got, o.max_bytes);
      else append_bounded(run.err, run.err_truncated, buf.data(), got, o.max_bytes);
    }
  }
  return true;
}

}  // namespace

bool CapturedRun::exited_ok() const noexcept {
  return !timed_out && WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0;
}

int CapturedRun::exit_code() const noexcept {
  return WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1;
}

Result<PipedChild> spawn_piped(const std::vector<std::string>& argv,
                               const CaptureOptions& options, int fd3) {
  if (argv.empty()) return make_error(Phase::internal, "spawn: empty argv");
  auto out = make_pipe();
  if (!out) return std::unexpected(out.error());
  auto err = make_pipe();
  if (!err) return std::unexpected(err.error());
  const std::string in_path = options.stdin_path.empty() ? "/dev/null" : options.stdin_path;
  FileActions fa;
  ::posix_spawn_file_actions_addopen(fa.get(), 0, in_path.c_str(), O_RDONLY, 0);
  ::posix_spawn_file_actions_adddup2(fa.get(), out->write.get(), 1);
  ::posix_spawn_file_actions_adddup2(fa.get(), err->write.get(), 2);
  UniqueFd moved;  // dup2(3, 3) would keep close-on-exec: pass a copy from above 3
  if (fd3 == 3) {
    moved.reset(::fcntl(fd3, F_DUPFD_CLOEXEC, 4));
    if (!moved) return sys_error(Phase::io, "dup fd 3");
    fd3 = moved.get();
  }
  if (fd3 >= 0) ::posix_spawn_file_actions_adddup2(fa.get(), fd3, 3);  // dup2 clears CLOEXEC
  posix_spawnattr_t attr;
  ::posix_spawnattr_init(&attr);
  sigset_t none;
  sigemptyset(&none);
  ::posix_spawnattr_setsigmask(&attr, &none);  // callers may block signals in their threads
  short flags = POSIX_SPAWN_SETSIGMASK;
  if (options.sched_idle) {
    sched_param zero{};
    ::posix_spawnattr_setschedpolicy(&attr, SCHED_IDLE);
    ::posix_spawnattr_setschedparam(&attr, &zero);
    flags |= POSIX_SPAWN_SETSCHEDULER;
  }
  ::posix_spawnattr_setflags(&attr, flags);
  auto args = c_strings(argv);
  auto env = c_strings(options.env);
  pid_t pid = -1;
  int rc = ::posix_spawn(&pid, argv[0].c_str(), fa.get(), &attr, args.data(), env.data());
  ::posix_spawnattr_destroy(&attr);
  if (rc != 0) return sys_error(Phase::exec, "spawn " + argv[0], rc);
  return PipedChild{pid, std::move(out->read), std::move(err->read)};
}

CapturedRun collect(PipedChild child, const CaptureOptions& options) {
  CapturedRun run;
  if (!drain(child.out.get(), child.err.get(), run, options)) {
    run.timed_out = true;
    ::kill(child.pid, SIGKILL);
  }
  while (::waitpid(child.pid, &run.wait_status, 0) < 0 && errno == EINTR) {
  }
  return run;
}

Result<CapturedRun> run_captured(const std::vector<std::string>& argv,
                                 const CaptureOptions& options) {
  auto child = spawn_piped(argv, options);
  if (!child) return std::unexpected(child.error());
  return collect(std::move(*child), options);
}

std::string find_program(const std::string& program, const std::string& path) {
  auto usable = [](const std::string& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 && S_ISREG(st.st_mode) && ::access(p.c_str(), X_OK) == 0;
  };
  if (program.find('/') != std::string::npos) return usable(program) ? program : "";
  std::size_t start = 0;
  while (start <= path.size()) {
    auto colon = path.find(':', start);
    std::string dir = path.substr(start, colon == std::string::npos ? colon : colon - start);
    if (!dir.empty() && usable(dir + "/" + program)) return dir + "/" + program;
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return "";
}

}  // namespace tc::exec
