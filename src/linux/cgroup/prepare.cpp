#include "linux/cgroup/prepare.hpp"

#include <algorithm>

namespace tc::cgroup {
namespace {

bool listed(const std::vector<std::string>& names, const char* name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

Limits without(Limits limits, const std::vector<std::string>& missing) {
  if (listed(missing, "memory")) limits.memory_bytes.reset();
  if (listed(missing, "pids")) limits.pids.reset();
  if (listed(missing, "cpus")) limits.cpus.reset();
  if (listed(missing, "cpu-weight")) limits.cpu_weight.reset();
  if (listed(missing, "cpu-time")) limits.cpu_time.reset();
  return limits;
}

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

}  // namespace

Result<PreparedRun> prepare_run(CgroupManager& manager, const Limits& limits, bool require_limits) {
  if (auto ok = validate(limits); !ok) return std::unexpected(ok.error());
  PreparedRun prepared;
  prepared.not_enforced = manager.unenforceable(limits);
  if (require_limits && !prepared.not_enforced.empty())
    return make_error(Phase::cgroup, "cannot enforce " + join(prepared.not_enforced, ", ") + " (" +
                                         join(manager.notes(), "; ") + ")");
  const bool can_create =
      manager.unenforceable(Limits{.cpu_time = std::chrono::seconds(1)}).empty();
  if (!can_create) {
    prepared.hooks.finalize_outcome = [missing = prepared.not_enforced](Outcome& o) {
      for (const std::string& n : missing)
        if (!listed(o.limits_not_enforced, n.c_str())) o.limits_not_enforced.push_back(n);
    };
    return prepared;
  }
  const Limits enforced = without(limits, prepared.not_enforced);
  auto run = manager.create_run(enforced);
  if (!run) return std::unexpected(run.error());
  prepared.run = std::move(*run);
  prepared.hooks = make_sandbox_hooks(*prepared.run, limits, prepared.not_enforced);
  return prepared;
}

}  // namespace tc::cgroup
