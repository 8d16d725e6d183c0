// tinycontainer run — resource limits (cgroups) and capabilities: from CLI text to the
// launcher's hooks.
//
// Contract: parse_limits() turns --memory/--pids/--cpus/--cpu-weight/--cpu-time text into
// cgroup::Limits ("max" or "none" = no limit; errors are Phase::usage and name the flag).
// ResourceSession::open() parses the limits and prepares the run cgroup
// (cgroup/prepare.hpp) — at once with --cgroup-parent (whose errors are usage errors) or on
// a pure cgroup v2 host (CLONE_INTO_CGROUP needs it before the clone); otherwise
// launch_hooks() defers it to late_cgroup, which the launcher calls after the clone while
// init builds the root filesystem, so creating and limiting the cgroup costs no start-up
// time (its errors then end the run as setup_error before the workload exists, like
// --require-limits refusals). On v1 the workload joins through `tasks` fds (init stays out),
// so on_workload_exit can take the figures and remove the cgroup while init still exits.
// housekeeping() reaps what earlier SIGKILLed runs left behind (run cgroups via
// CgroupManager::reap_stale(), run directories via sandbox::reap_stale_run_dirs(), both by
// the supervisor's pid + start time) — once; launch_hooks() runs it while the sandbox is
// being built, off the start-up's critical path, and the caller runs it again after
// launch() (a no-op unless launch failed before releasing the sandbox).
// with --require-limits a limit this host cannot enforce is a Phase::cgroup error (the
// CLI reports setup_error, exit 125) and the workload is not started. With no limit at all
// (--memory max --pids max and no CPU flag) no run cgroup is created (the cheapest run;
// no peak figures). The hooks also hold
// a 20 ms tick that samples pids and enforces --cpu-time (CpuTimeWatch), and the
// finalize step (figures, memory_limit / time_limit "cpu", limits_not_enforced). Without
// any usable cgroup hierarchy (no cgroup filesystem) the run still happens and every
// requested limit is listed in limits_not_enforced; a --cgroup-parent that cannot be
// used is an error (usage for a malformed path, cgroup otherwise), never ignored.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "common/error.hpp"
#include "common/unique_fd.hpp"
#include "linux/cgroup/cpu_watch.hpp"
#include "linux/cgroup/limits.hpp"
#include "linux/cgroup/manager.hpp"
#include "linux/cgroup/prepare.hpp"
#include "linux/launcher.hpp"

namespace tc::cli {

struct ResourceText {
  std::string memory = "512MiB";
  std::string pids = "256";
  std::string cpus;        // empty: no quota
  std::string cpu_weight;  // empty: kernel default (100)
  std::string cpu_time;    // empty: no CPU-time budget
  std::string cgroup_parent;
  bool require_limits = false;
};

[[nodiscard]] Result<cgroup::Limits> parse_limits(const ResourceText& text);

class ResourceSession {
 public:
  [[nodiscard]] static Result<std::unique_ptr<ResourceSession>> open(
      const ResourceText& text, const std::filesystem::path& runtime_base);
  // Hooks that point into this session: keep it alive until launch() returned.
  [[nodiscard]] sandbox::LaunchHooks launch_hooks();
  void housekeeping();

 private:
  ResourceSession() = default;
  Result<void> prepare_cgroups(const ResourceText& text);
  void open_join_fds();
  Result<std::vector<UniqueFd>> late_cgroup(pid_t init);
  void workload_exited();

  std::optional<cgroup::CgroupManager> manager_;
  cgroup::Limits limits_;
  cgroup::PreparedRun prepared_;
  std::optional<cgroup::CpuTimeWatch> watch_;
  std::filesystem::path runtime_base_;
  std::optional<cgroup::ManagerOptions> reap_options_;  // set when manager_ was not opened
  std::optional<ResourceText> late_text_;  // set: the cgroup is prepared after the clone
  std::vector<UniqueFd> join_;             // v1 `tasks` fds the workload writes "0" to
  bool joined_by_fds_ = false;             // only the workload is in the run cgroup
  bool finished_ = false;                  // run cgroup measured and removed early
  bool reaped_ = false;
};

}  // namespace tc::cli
