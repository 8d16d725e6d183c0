// tinycontainer — parsing /proc/<pid>/cgroup (cgroups(7), "/proc/[pid]/cgroup").
//
// Contract: parse_proc_cgroup() is pure. Each line is "hierarchy-ID:controller-list:path";
// the path is everything after the second colon (it may itself contain colons or
// spaces; the kernel does not escape it). The v2 entry has ID 0 and an empty
// controller list. Named v1 hierarchies ("name=systemd") keep their name in
// `controllers`. Malformed lines (missing colons, non-numeric ID, relative path) are an
// Error (Phase::cgroup) naming the line number.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace tc::cgroup {

struct ProcCgroupEntry {
  unsigned hierarchy_id = 0;
  std::vector<std::string> controllers;  // {} for the v2 entry
  std::string path;                      // "/", "/user.slice/x.scope"
};

[[nodiscard]] Result<std::vector<ProcCgroupEntry>> parse_proc_cgroup(std::string_view text);

}  // namespace tc::cgroup
