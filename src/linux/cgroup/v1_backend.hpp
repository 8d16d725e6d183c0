// tinycontainer — the cgroup v1 backend (legacy and hybrid hosts).
//
// Contract: V1Parents names, per controller, the parent directory below which run
// cgroups are created (empty = hierarchy not mounted; co-mounted controllers such as
// "cpu,cpuacct" share one directory, created once). create() mkdirs parent/<name> in
// each used hierarchy and writes: memory.limit_in_bytes, then
// memory.memsw.limit_in_bytes (same value: no swap) when present — otherwise a warning
// says swap could not be disabled —, pids.max, cpu.cfs_period_us + cpu.cfs_quota_us,
// cpu.shares (weight mapped, see limits.hpp). attach() writes the pid to cgroup.procs in
// every hierarchy. Figures: cpuacct.usage(_user/_sys) or cpuacct.stat (USER_HZ),
// memory.max_usage_in_bytes, memory.oom_control oom_kill, memory.failcnt, pids.peak (or
// sampled pids.current), pids.events, cpu.stat. Kill: freeze through the freezer
// hierarchy when mounted, SIGKILL every member, thaw; else repeated SIGKILL.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "linux/cgroup/backend.hpp"

namespace tc::cgroup {

struct V1Parents {
  std::string memory, pids, cpu, cpuacct, freezer;
};

class V1Backend final : public Backend {
 public:
  [[nodiscard]] static Result<std::unique_ptr<V1Backend>> open(V1Parents parents);

  [[nodiscard]] CgroupVersion version() const noexcept override { return CgroupVersion::v1; }
  [[nodiscard]] Result<std::unique_ptr<RunCgroup>> create(const std::string& name,
                                                          const Limits& limits) override;
  [[nodiscard]] std::vector<std::string> unenforceable(const Limits& limits) const override;
  [[nodiscard]] std::vector<std::string> parent_dirs() const override;
  [[nodiscard]] Result<void> remove_stale(const std::string& name) override;
  [[nodiscard]] std::vector<std::string> notes() const override;

 private:
  explicit V1Backend(V1Parents parents) : parents_(std::move(parents)) {}
  V1Parents parents_;
};

}  // namespace tc::cgroup
