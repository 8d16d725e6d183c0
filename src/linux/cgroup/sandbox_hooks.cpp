#include "linux/cgroup/sandbox_hooks.hpp"

#include <algorithm>

#include "linux/cgroup/classify.hpp"

namespace tc::cgroup {

SandboxHooks make_sandbox_hooks(RunCgroup& run, const Limits& limits,
                                std::vector<std::string> not_enforced) {
  SandboxHooks h;
  h.clone_into_cgroup_fd = run.clone_into_fd();
  h.attach_cgroup = [&run](pid_t pid) { return run.attach(pid); };
  h.self_attach_files = run.self_attach_files();
  h.cpu_usage = [&run] { return run.cpu_usage_ns(); };
  h.kill_all = [&run] { return run.kill_all(); };
  h.sample = [&run] { run.sample(); };
  h.finalize_outcome = [&run, limits, not_enforced = std::move(not_enforced)](Outcome& o) {
    for (const std::string& n : not_enforced)
      if (std::find(o.limits_not_enforced.begin(), o.limits_not_enforced.end(), n) ==
          o.limits_not_enforced.end())
        o.limits_not_enforced.push_back(n);
    for (const std::string& w : run.warnings())
      if (w.rfind("swap:", 0) == 0 &&
          std::find(o.limits_not_enforced.begin(), o.limits_not_enforced.end(), "swap") ==
              o.limits_not_enforced.end())
        o.limits_not_enforced.emplace_back("swap");
    auto figures = run.figures();
    if (!figures) return;
    apply_figures(o, *figures);
    classify_outcome(o, *figures, limits);
  };
  return h;
}

}  // namespace tc::cgroup
