// tinycontainer — which cgroup layout this host uses and where the caller's cgroups are.
//
// Contract: detect_layout() is pure: from the text of /proc/self/cgroup and
// /proc/self/mountinfo it decides
//   unified — only a cgroup2 mount is used (modern distros),
//   legacy  — only v1 controller hierarchies are mounted,
//   hybrid  — v1 controller hierarchies plus a cgroup2 mount (systemd "hybrid": the v2
//             tree usually carries no controllers; controllers are used through v1),
// and, for each hierarchy the process belongs to and that is mounted here, the mount
// point and the process's own cgroup path relative to that mount. Hierarchies the
// process belongs to but that are not mounted in this mount namespace are left out.
// probe_layout() reads the two files of the calling process and calls detect_layout().
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace tc::cgroup {

enum class LayoutMode { unified, legacy, hybrid };
[[nodiscard]] std::string_view to_string(LayoutMode m) noexcept;

struct Hierarchy {
  std::string mount_point;               // "/sys/fs/cgroup/memory"
  std::string own_path;                  // "/user.slice" — relative to the mount, starts with '/'
  std::vector<std::string> controllers;  // v1: {"cpu","cpuacct"}; v2: {}
  // mount_point + own_path, without a trailing '/' (mount_point when own_path is "/").
  [[nodiscard]] std::string own_dir() const;
};

struct Layout {
  LayoutMode mode = LayoutMode::unified;
  std::optional<Hierarchy> unified;  // the cgroup2 mount, when there is one
  std::vector<Hierarchy> v1;         // mounted v1 hierarchies (named ones included)
  // The v1 hierarchy that carries `controller` ("memory", "cpu", "name=systemd"), or null.
  [[nodiscard]] const Hierarchy* v1_for(std::string_view controller) const;
};

[[nodiscard]] Result<Layout> detect_layout(std::string_view proc_self_cgroup,
                                           std::string_view mountinfo);
[[nodiscard]] Result<Layout> probe_layout();

}  // namespace tc::cgroup
