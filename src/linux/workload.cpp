#include "linux/workload.hpp"

#include <fcntl.h>
#include <linux/close_range.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstring>
#include <string>
#include <vector>

#include "linux/capabilities.hpp"
#include "linux/rlimits.hpp"
#include "linux/status_channel.hpp"

namespace tc::sandbox {

namespace {

Result<void> reset_signals() {
  sigset_t none;
  sigemptyset(&none);
  if (::sigprocmask(SIG_SETMASK, &none, nullptr) != 0)
    return sys_error(Phase::setup, "sigprocmask");
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  for (int sig = 1; sig < NSIG; ++sig) ::sigaction(sig, &dfl, nullptr);  // EINVAL for KILL/STOP
  return {};
}

Result<void> install_seccomp(const SandboxSpec& spec, int status_fd, SeccompFilter f) {
  if (f.length == 0)
    f = SeccompFilter{spec.seccomp_program.data(), spec.seccomp_program.size(),
                      spec.seccomp_user_notify};
  if (f.length == 0) return {};
  sock_fprog prog{static_cast<unsigned short>(f.length), const_cast<sock_filter*>(f.program)};
  unsigned flags = f.user_notify ? SECCOMP_FILTER_FLAG_NEW_LISTENER : 0;
  long fd = ::syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &prog);
  if (fd < 0) return sys_error(Phase::security, "install seccomp filter");
  if (f.user_notify) {
    bool sent = send_fd(status_fd, MessageType::seccomp_listener, static_cast<int>(fd));
    ::close(static_cast<int>(fd));
    if (!sent) return sys_error(Phase::security, "send seccomp listener");
  }
  return {};
}

std::string env_path(const std::vector<std::string>& env) {
  for (const auto& e : env)
    if (e.rfind("PATH=", 0) == 0) return e.substr(5);
  return "/usr/local/bin:/usr/bin:/bin";
}

// execvpe(3) semantics with the *sandbox's* PATH; returns the errno to report.
int exec_command(const SandboxSpec& spec, std::string& tried) {
  std::vector<char*> argv;
  for (const auto& a : spec.process.args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (const auto& e : spec.process.env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  const std::string& cmd = spec.process.args.front();
  tried = cmd;
  if (cmd.find('/') != std::string::npos) {
    ::execve(cmd.c_str(), argv.data(), envp.data());
    return errno;
  }
  int result = ENOENT;
  std::string path = env_path(spec.process.env);
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find(':', start);
    if (end == std::string::npos) end = path.size();
    std::string dir = path.substr(start, end - start);
    std::string full = (dir.empty() ? "." : dir) + "/" + cmd;
    ::execve(full.c_str(), argv.data(), envp.data());
    if (errno == EACCES) {
      result = EACCES;
      tried = full;
    } else if (errno != ENOENT && errno != ENOTDIR) {
      tried = full;
      return errno;
    }
    start = end + 1;
  }
  return result;
}

Result<void> prepare(const SandboxSpec& spec, int status_fd, bool setgroups_allowed,
                     const SeccompFilter& late) {
  if (auto r = reset_signals(); !r) return r;
  if (auto r = apply_rlimits(spec.process.rlimits); !r) return r;
  if (auto r =
          drop_privileges(spec.process.uid, spec.process.gid, setgroups_allowed, spec.capabilities);
      !r)
    return r;
  if (::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) != 0)
    return sys_error(Phase::setup, "close_range");
  if (::chdir(spec.process.cwd.c_str()) != 0)
    return sys_error(Phase::setup, "chdir " + spec.process.cwd);
  return install_seccomp(spec, status_fd, late);
}

}  // namespace

void run_workload(const SandboxSpec& spec, int status_fd, bool setgroups_allowed,
                  const SeccompFilter& late) noexcept {
  if (auto r = prepare(spec, status_fd, setgroups_allowed, late); !r) {
    send_setup_error(status_fd, r.error());
    ::_exit(127);
  }
  std::string tried;
  int err = exec_command(spec, tried);
  send_setup_error(status_fd, Error{Phase::exec, "execve " + tried, err});
  ::_exit(127);
}

}  // namespace tc::sandbox
