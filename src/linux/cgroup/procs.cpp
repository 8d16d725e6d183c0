#include "linux/cgroup/procs.hpp"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <thread>

#include "linux/cgroup/files.hpp"
#include "linux/cgroup/text.hpp"

namespace tc::cgroup {
namespace {
using Clock = std::chrono::steady_clock;
}

void backoff_sleep(unsigned attempt) {
  // Linear, so the overshoot after the awaited event stays under ~1 ms early on.
  const auto us = std::min<unsigned>(2000, 100u * (std::min(attempt, 100u) + 1));
  std::this_thread::sleep_for(std::chrono::microseconds(us));
}

Result<std::vector<pid_t>> read_procs(const std::string& dir) {
  auto text = read_file(dir + "/cgroup.procs");
  if (!text) return std::unexpected(text.error());
  std::vector<pid_t> pids;
  for (std::string_view line : split_lines(*text)) {
    if (line.empty()) continue;
    auto pid = parse_u64(line, dir + "/cgroup.procs");
    if (!pid) return std::unexpected(pid.error());
    pids.push_back(static_cast<pid_t>(*pid));
  }
  return pids;
}

Result<void> kill_until_empty(const std::string& dir, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (unsigned attempt = 0;; ++attempt) {
    auto pids = read_procs(dir);
    if (!pids) return std::unexpected(pids.error());
    if (pids->empty()) return {};
    for (pid_t pid : *pids) ::kill(pid, SIGKILL);
    if (Clock::now() > deadline)
      return make_error(Phase::cgroup, dir + " still has " + std::to_string(pids->size()) +
                                           " processes after SIGKILL");
    backoff_sleep(attempt);
  }
}

Result<void> wait_until_empty(const std::string& dir, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (unsigned attempt = 0;; ++attempt) {
    auto pids = read_procs(dir);
    if (!pids) return std::unexpected(pids.error());
    if (pids->empty()) return {};
    if (Clock::now() > deadline) return make_error(Phase::cgroup, dir + " did not become empty");
    backoff_sleep(attempt);
  }
}

Result<void> remove_dir(const std::string& dir, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (unsigned attempt = 0;; ++attempt) {
    if (::rmdir(dir.c_str()) == 0 || errno == ENOENT) return {};
    if (errno != EBUSY || Clock::now() > deadline) return sys_error(Phase::cgroup, "rmdir " + dir);
    backoff_sleep(attempt);
  }
}

}  // namespace tc::cgroup
