// tinycontainer — cgroup v2 delegation helpers (Documentation/admin-guide/cgroup-v2.rst,
// "No Internal Process Constraint", "Delegation").
//
// Contract:
//  - enable_controllers(dir, wanted) writes "+<name>" to dir/cgroup.subtree_control for
//    each wanted controller that dir/cgroup.controllers offers and that is not enabled
//    yet, and returns the controllers enabled afterwards. EBUSY (dir has processes and
//    is not the root) is an Error that says to move them into a leaf first; a controller
//    that cannot be enabled for another reason (EACCES for rootless) is left out.
//  - move_self_into_leaf(dir, leaf) creates dir/leaf (if absent) and writes "0" to its
//    cgroup.procs, moving the calling process (all its threads) there. A long-lived
//    manager does this once, before enable_controllers(dir).
#pragma once

#include <string>
#include <vector>

#include "common/error.hpp"

namespace tc::cgroup {

[[nodiscard]] Result<std::vector<std::string>> read_controller_list(const std::string& path);
[[nodiscard]] Result<std::vector<std::string>> enable_controllers(
    const std::string& dir, const std::vector<std::string>& wanted);
[[nodiscard]] Result<void> move_self_into_leaf(const std::string& dir, const std::string& leaf);

}  // namespace tc::cgroup
