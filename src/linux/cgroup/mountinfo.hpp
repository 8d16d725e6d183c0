// tinycontainer — parsing /proc/<pid>/mountinfo for cgroup mounts (proc(5), "mountinfo").
//
// Contract: parse_mountinfo() is pure. It reads every line of the text, validates its
// shape (the " - " separator, at least 10 fields) and returns the cgroup mounts only
// (filesystem type "cgroup" or "cgroup2"), in file order. Octal escapes used by the
// kernel in paths (\040 space, \011 tab, \012 newline, \134 backslash) are decoded.
// A malformed line is an Error (Phase::cgroup) naming the line number and the reason.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace tc::cgroup {

struct CgroupMount {
  std::string root;         // field 4: the path of the hierarchy that is mounted here
  std::string mount_point;  // field 5
  bool v2 = false;          // fstype cgroup2
  std::vector<std::string> super_options;  // e.g. {"rw", "cpu", "cpuacct"}
};

// Decodes the kernel's octal escapes ("\040" → ' '). A bad escape is an error.
[[nodiscard]] Result<std::string> unescape_mount_path(std::string_view field);

[[nodiscard]] Result<std::vector<CgroupMount>> parse_mountinfo(std::string_view text);

}  // namespace tc::cgroup
