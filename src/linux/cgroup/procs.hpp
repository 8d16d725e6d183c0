// tinycontainer — the processes of a cgroup directory: list, kill, wait, remove.
//
// Contract: read_procs() parses cgroup.procs (one pid per line). kill_until_empty()
// sends SIGKILL to every listed process and re-reads until the list is empty or the
// timeout passes (a fork bomb may fork between read and kill; pids.max bounds that).
// remove_dir() rmdirs a cgroup directory, retrying on EBUSY (the kernel releases a
// just-emptied cgroup asynchronously) until the timeout; ENOENT counts as success.
// Only processes inside the given cgroup are ever signalled.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

#include "common/error.hpp"

namespace tc::cgroup {

inline constexpr std::chrono::milliseconds kCleanupTimeout{5000};

[[nodiscard]] Result<std::vector<pid_t>> read_procs(const std::string& dir);
[[nodiscard]] Result<void> kill_until_empty(const std::string& dir,
                                            std::chrono::milliseconds timeout = kCleanupTimeout);
[[nodiscard]] Result<void> wait_until_empty(const std::string& dir,
                                            std::chrono::milliseconds timeout = kCleanupTimeout);
[[nodiscard]] Result<void> remove_dir(const std::string& dir,
                                      std::chrono::milliseconds timeout = kCleanupTimeout);
// Sleeps a short, linearly growing interval: 0.1 ms, 0.2 ms ... capped at 2 ms.
void backoff_sleep(unsigned attempt);

}  // namespace tc::cgroup
