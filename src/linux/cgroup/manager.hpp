// tinycontainer — the entry point of the cgroup layer: probe, choose a backend, create
// run cgroups, reap stale ones.
//
// Contract: CgroupManager::open() probes /proc/self/cgroup + mountinfo (layout.hpp) and
// picks, at run time, the v2 backend on unified hosts and the v1 backend on legacy and
// hybrid hosts (options.version can force v2 on a hybrid host: its v2 tree usually has
// no controllers, so only the plumbing — attach, CLONE_INTO_CGROUP, cgroup.kill,
// cpu.stat — works there). Run cgroups go below the caller's own cgroup in each used
// hierarchy, or below options.cgroup_parent, created when missing: an absolute cgroup
// path ("/tc/runs") starts at each hierarchy's root, a relative one ("tc-runs") at the
// caller's own cgroup in each hierarchy; "." and ".." are refused. With options.move_self_to_leaf
// (v2, long-lived managers) the process first moves itself into "<own>/tc-manager" so
// its own cgroup can enable controllers for its children.
// reap_stale() removes run cgroups (run_name.hpp) whose supervisor is dead, in every
// parent directory, and reports which it removed and which it could not.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "linux/cgroup/backend.hpp"
#include "linux/cgroup/layout.hpp"

namespace tc::cgroup {

struct ManagerOptions {
  std::optional<std::string> cgroup_parent;
  std::optional<CgroupVersion> version;
  bool move_self_to_leaf = false;
};

struct ReapReport {
  std::vector<std::string> removed;
  std::vector<std::string> failed;  // "name: error"
};

class CgroupManager {
 public:
  [[nodiscard]] static Result<CgroupManager> open(const ManagerOptions& options = {});

  [[nodiscard]] CgroupVersion version() const noexcept { return backend_->version(); }
  [[nodiscard]] const Layout& layout() const noexcept { return layout_; }
  [[nodiscard]] Backend& backend() noexcept { return *backend_; }
  // Limits (limit_names() spelling) that cannot be enforced here: the rootless report.
  [[nodiscard]] std::vector<std::string> unenforceable(const Limits& limits) const {
    return backend_->unenforceable(limits);
  }
  // Why some limits are unenforceable here (human-readable; see Backend::notes()).
  [[nodiscard]] std::vector<std::string> notes() const { return backend_->notes(); }
  // A fresh run cgroup ("tc-<pid>-<start>-<unique>") with every limit written.
  [[nodiscard]] Result<std::unique_ptr<RunCgroup>> create_run(const Limits& limits);
  [[nodiscard]] ReapReport reap_stale();

 private:
  CgroupManager(Layout layout, std::unique_ptr<Backend> backend)
      : layout_(std::move(layout)), backend_(std::move(backend)) {}
  Layout layout_;
  std::unique_ptr<Backend> backend_;
};

}  // namespace tc::cgroup
