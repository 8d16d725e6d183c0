// tinycontainer — the cgroup v2 (unified) backend.
//
// Contract: V2Backend::open(parent) enables cpu, memory and pids (those offered) in
// parent/cgroup.subtree_control (see v2_delegation.hpp); a controller it cannot enable
// is not an error: unenforceable() reports the limits that need it and notes() says
// why. create() makes
// parent/<name> and writes: memory.max + memory.swap.max=0 + memory.oom.group=1,
// pids.max, cpu.max "<quota> 100000", cpu.weight. Figures come from cpu.stat,
// memory.peak, memory.events, pids.peak (or sampled pids.current) and pids.events.
// Kill: cgroup.kill (Linux >= 5.14), else repeated SIGKILL of cgroup.procs; then wait
// for cgroup.events "populated 0" and rmdir.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "linux/cgroup/backend.hpp"

namespace tc::cgroup {

class V2Backend final : public Backend {
 public:
  [[nodiscard]] static Result<std::unique_ptr<V2Backend>> open(std::string parent_dir);

  [[nodiscard]] CgroupVersion version() const noexcept override { return CgroupVersion::v2; }
  [[nodiscard]] Result<std::unique_ptr<RunCgroup>> create(const std::string& name,
                                                          const Limits& limits) override;
  [[nodiscard]] std::vector<std::string> unenforceable(const Limits& limits) const override;
  [[nodiscard]] std::vector<std::string> parent_dirs() const override { return {parent_}; }
  [[nodiscard]] Result<void> remove_stale(const std::string& name) override;
  [[nodiscard]] std::vector<std::string> notes() const override { return notes_; }

 private:
  V2Backend(std::string parent, std::vector<std::string> enabled, bool writable,
            std::vector<std::string> notes)
      : parent_(std::move(parent)),
        enabled_(std::move(enabled)),
        writable_(writable),
        notes_(std::move(notes)) {}
  [[nodiscard]] bool has(const std::string& controller) const;

  std::string parent_;
  std::vector<std::string> enabled_;  // controllers in parent's subtree_control
  bool writable_ = false;
  std::vector<std::string> notes_;
};

}  // namespace tc::cgroup
