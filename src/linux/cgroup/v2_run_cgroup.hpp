// tinycontainer — a cgroup v2 run cgroup (see run_cgroup.hpp, v2_backend.hpp).
//
// Contract: make_v2_run() mkdirs parent/name, opens the CLONE_INTO_CGROUP fd and writes
// the limits; on any failure the directory is removed again. Limits whose controller is
// not in `enabled` are an Error (the backend's unenforceable() reports them first).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "linux/cgroup/limits.hpp"
#include "linux/cgroup/run_cgroup.hpp"

namespace tc::cgroup {

[[nodiscard]] Result<std::unique_ptr<RunCgroup>> make_v2_run(
    const std::string& parent, const std::string& name, const Limits& limits,
    const std::vector<std::string>& enabled);

// Kills everything in a v2 cgroup directory, waits until it is unpopulated, removes it.
[[nodiscard]] Result<void> destroy_v2_dir(const std::string& dir);

}  // namespace tc::cgroup
