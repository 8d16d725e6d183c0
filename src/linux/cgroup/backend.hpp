// tinycontainer — a cgroup backend (v1 or v2), chosen at run time by CgroupManager.
//
// Contract: a Backend knows the parent cgroup directory(ies) below which run cgroups
// are created. create() makes a run cgroup named `name` and writes every limit before
// returning; a limit that cannot be written is an Error and nothing is left behind.
// unenforceable() lists the limits (limit_names() spelling) this backend cannot apply
// here (controller missing or parent not writable) — the rootless report.
// parent_dirs() are the directories reap_stale() scans; remove_stale() kills and
// removes a run cgroup left by a dead supervisor, in every hierarchy.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "linux/cgroup/figures.hpp"
#include "linux/cgroup/limits.hpp"
#include "linux/cgroup/run_cgroup.hpp"

namespace tc::cgroup {

class Backend {
 public:
  Backend() = default;
  Backend(const Backend&) = delete;
  Backend& operator=(const Backend&) = delete;
  virtual ~Backend() = default;

  [[nodiscard]] virtual CgroupVersion version() const noexcept = 0;
  [[nodiscard]] virtual Result<std::unique_ptr<RunCgroup>> create(const std::string& name,
                                                                  const Limits& limits) = 0;
  [[nodiscard]] virtual std::vector<std::string> unenforceable(const Limits& limits) const = 0;
  [[nodiscard]] virtual std::vector<std::string> parent_dirs() const = 0;
  [[nodiscard]] virtual Result<void> remove_stale(const std::string& name) = 0;
  // Why limits are unenforceable here (controllers refused, parent not writable), for
  // humans; empty when everything is available.
  [[nodiscard]] virtual std::vector<std::string> notes() const { return {}; }
};

}  // namespace tc::cgroup
