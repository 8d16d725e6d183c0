// tinycontainer — cgroup v2 delegation helpers (Documentation/admin-guide/cgroup-v2.rst,
// "No Internal Process Constraint", "Delegation").
//
// Contract:
//  - enable_controllers(dir, wanted) writes "+<name>" to dir/cgroup.subtree_control for
//    each wanted controller that dir/cgroup.controllers offers and that is not enabled
//    yet. It returns the controllers enabled afterwards and, for each wanted controller
//    that is not, why: not offered by the parent, EBUSY (dir has processes and is not
//    the root: domain controllers such as memory need them moved into a leaf first),
//    EACCES (not delegated). Only failing to read the two files is an Error.
//  - move_self_into_leaf(dir, leaf) creates dir/leaf (if absent) and writes "0" to its
//    cgroup.procs, moving the calling process (all its threads) there. A long-lived
//    manager does this once, before enable_controllers(dir).
#pragma once

#include <string>
#include <vector>

#include "common/error.hpp"

namespace tc::cgroup {

[[nodiscard]] Result<std::vector<std::string>> read_controller_list(const std::string& path);
struct EnableReport {
  std::vector<std::string> enabled;  // dir/cgroup.subtree_control afterwards
  std::vector<std::string> refused;  // "memory: <why>" for each wanted one not enabled
};

[[nodiscard]] Result<EnableReport> enable_controllers(const std::string& dir,
                                                      const std::vector<std::string>& wanted);
[[nodiscard]] Result<void> move_self_into_leaf(const std::string& dir, const std::string& leaf);

}  // namespace tc::cgroup
