// tinycontainer — a cgroup v1 run cgroup spanning several hierarchies (v1_backend.hpp).
//
// Contract: make_v1_run() creates parent/<name> in each hierarchy of `parents`, writes
// the limits and returns the RAII owner; on failure every created directory is killed
// and removed. destroy_v1_dirs() kills and removes such directories (used to reap).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "linux/cgroup/limits.hpp"
#include "linux/cgroup/run_cgroup.hpp"
#include "linux/cgroup/v1_backend.hpp"

namespace tc::cgroup {

[[nodiscard]] Result<std::unique_ptr<RunCgroup>> make_v1_run(const V1Parents& parents,
                                                             const std::string& name,
                                                             const Limits& limits);
// `freezer` may be empty. Every directory in `dirs` is emptied (SIGKILL) and removed.
[[nodiscard]] Result<void> destroy_v1_dirs(const std::string& freezer,
                                           const std::vector<std::string>& dirs);

}  // namespace tc::cgroup
