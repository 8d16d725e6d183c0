// tinycontainer — names of per-run cgroups, so stale ones can be recognised.
//
// Contract: a run cgroup is named "tc-<pid>-<starttime>-<unique>" where pid is the
// supervisor's pid, starttime its start time in clock ticks since boot (proc(5)
// /proc/<pid>/stat field 22) and unique 16 lowercase hex digits from getrandom(2).
// A run cgroup is stale when no process with that pid exists, or when the process
// with that pid started at another time (the pid was reused). parse_run_name() and
// parse_stat_start_time() are pure and strict.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.hpp"

namespace tc::cgroup {

struct RunName {
  pid_t pid = 0;
  std::uint64_t start_time = 0;
  std::string unique;
};

[[nodiscard]] std::string format_run_name(const RunName& name);
[[nodiscard]] std::optional<RunName> parse_run_name(std::string_view text);
// Field 22 of a /proc/<pid>/stat text (the comm field may contain spaces and ')').
[[nodiscard]] Result<std::uint64_t> parse_stat_start_time(std::string_view stat_text);
[[nodiscard]] Result<std::uint64_t> process_start_time(pid_t pid);
// A fresh name for a run supervised by the calling process.
[[nodiscard]] Result<RunName> new_run_name();
// True when the owning supervisor is gone (pid absent, or pid reused by another process).
[[nodiscard]] bool owner_is_dead(const RunName& name);

}  // namespace tc::cgroup
