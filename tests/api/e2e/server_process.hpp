// Test helper: runs `tinycontainer serve --listen 127.0.0.1:0 ...` as a child process and
// learns its port from the first stdout line ("... listening on http://127.0.0.1:PORT ...").
// The destructor sends SIGTERM and reaps the child (SIGKILL after 30 s), so no server
// outlives a test.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace tc::api::testing {

class ServerProcess {
 public:
  explicit ServerProcess(std::vector<std::string> extra_args) {
    std::vector<std::string> args{TC_BINARY, "serve", "--listen", "127.0.0.1:0"};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe");
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
    if (posix_spawn(&pid_, TC_BINARY, &fa, nullptr, argv.data(), environ) != 0)
      throw std::runtime_error("spawn " TC_BINARY);
    posix_spawn_file_actions_destroy(&fa);
    close(fds[1]);
    std::string line;
    char c = 0;
    while (read(fds[0], &c, 1) == 1 && c != '\n') line += c;
    close(fds[0]);
    auto at = line.find("http://127.0.0.1:");
    if (at == std::string::npos) throw std::runtime_error("server did not start: " + line);
    port_ = std::stoi(line.substr(at + 17));
  }
  ~ServerProcess() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      (void)wait_exit(std::chrono::seconds(30));
    }
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const noexcept { return port_; }
  pid_t pid() const noexcept { return pid_; }
  void signal(int sig) const { kill(pid_, sig); }

  // Exit status once the child exited within `timeout`; SIGKILL and nullopt otherwise.
  std::optional<int> wait_exit(std::chrono::seconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
    return std::nullopt;
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace tc::api::testing
