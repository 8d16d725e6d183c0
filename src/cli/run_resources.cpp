#include "cli/run_resources.hpp"

#include <fcntl.h>
#include <linux/magic.h>
#include <sys/statfs.h>

#include <signal.h>

#include <charconv>
#include <cmath>
#include <utility>

#include "common/units.hpp"
#include "linux/run_dir.hpp"

namespace tc::cli {
namespace {

bool unlimited(const std::string& v) {
  return v == "max" || v == "none";
}

std::unexpected<Error> flag_usage(const char* flag, const std::string& what) {
  return make_error(Phase::usage, std::string(flag) + ": " + what);
}

Result<std::optional<std::uint64_t>> parse_count(const char* flag, const std::string& v) {
  if (v.empty() || unlimited(v)) return std::nullopt;
  std::uint64_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size())
    return flag_usage(flag, "'" + v + "' is not a whole number (or 'max')");
  return n;
}

Result<std::optional<double>> parse_cpus(const std::string& v) {
  if (v.empty() || unlimited(v)) return std::nullopt;
  // Not std::from_chars: its floating-point overloads pull libm into the binary
  // (common/rounding.hpp says why that matters).
  auto d = parse_plain_decimal(v);
  if (!d || !std::isfinite(*d))
    return flag_usage("--cpus", "'" + v +
                                    "' is not a number of CPUs: digits with at most one dot, "
                                    "e.g. 0.5 or 2");
  return *d;
}

}  // namespace

Result<cgroup::Limits> parse_limits(const ResourceText& t) {
  cgroup::Limits l;
  if (!t.memory.empty() && !unlimited(t.memory)) {
    auto m = parse_size(t.memory);
    if (!m) return flag_usage("--memory", m.error().message);
    l.memory_bytes = *m;
  }
  auto pids = parse_count("--pids", t.pids);
  if (!pids) return std::unexpected(pids.error());
  l.pids = *pids;
  auto cpus = parse_cpus(t.cpus);
  if (!cpus) return std::unexpected(cpus.error());
  l.cpus = *cpus;
  auto weight = parse_count("--cpu-weight", t.cpu_weight);
  if (!weight) return std::unexpected(weight.error());
  l.cpu_weight = *weight;
  if (!t.cpu_time.empty() && !unlimited(t.cpu_time)) {
    auto d = parse_duration(t.cpu_time);
    if (!d) return flag_usage("--cpu-time", d.error().message);
    if (d->count() <= 0) return flag_usage("--cpu-time", "must be positive");
    l.cpu_time = *d;
  }
  // Validate field by field so the message names the flag.
  const std::pair<const char*, cgroup::Limits> each[] = {
      {"--memory", {.memory_bytes = l.memory_bytes}},
      {"--pids", {.pids = l.pids}},
      {"--cpus", {.cpus = l.cpus}},
      {"--cpu-weight", {.cpu_weight = l.cpu_weight}},
      {"--cpu-time", {.cpu_time = l.cpu_time}}};
  for (const auto& [flag, one] : each)
    if (auto ok = cgroup::validate(one); !ok) return flag_usage(flag, ok.error().message);
  return l;
}

namespace {

// A pure cgroup v2 host: its run cgroup is best created before the clone, which can then
// place init in it directly (CLONE_INTO_CGROUP). Everywhere else (v1, hybrid) the workload
// joins through `tasks` fds, which may be opened after the clone.
bool unified_host() {
  struct statfs st {};
  return ::statfs("/sys/fs/cgroup", &st) == 0 && st.f_type == CGROUP2_SUPER_MAGIC;
}

}  // namespace

Result<std::unique_ptr<ResourceSession>> ResourceSession::open(
    const ResourceText& text, const std::filesystem::path& runtime_base) {
  auto limits = parse_limits(text);
  if (!limits) return std::unexpected(limits.error());
  std::unique_ptr<ResourceSession> s(new ResourceSession());
  s->limits_ = *limits;
  s->runtime_base_ = runtime_base;
  cgroup::ManagerOptions options;
  if (!text.cgroup_parent.empty()) options.cgroup_parent = text.cgroup_parent;
  // No limit and no --cgroup-parent to check: the hierarchy is only needed to reap
  // leftovers, which housekeeping() does while the sandbox starts.
  if (cgroup::limit_names(s->limits_).empty() && text.cgroup_parent.empty()) {
    s->reap_options_ = options;
    return s;
  }
  // Nothing the caller chose can be refused as a usage error: the run cgroup is created
  // after the clone, while init builds the root filesystem (launch_hooks: late_cgroup).
  if (text.cgroup_parent.empty() && !unified_host()) {
    s->late_text_ = text;
    s->reap_options_ = options;  // should launch() fail before the cgroup exists
    return s;
  }
  if (auto r = s->prepare_cgroups(text); !r) return std::unexpected(r.error());
  return s;
}

Result<void> ResourceSession::prepare_cgroups(const ResourceText& text) {
  cgroup::ManagerOptions options;
  if (!text.cgroup_parent.empty()) options.cgroup_parent = text.cgroup_parent;
  auto manager = cgroup::CgroupManager::open(options);
  // A bad or unusable --cgroup-parent is the caller's explicit choice: refuse it.
  if (!manager && (manager.error().phase == Phase::usage || !text.cgroup_parent.empty()))
    return std::unexpected(manager.error());
  if (!manager) {
    // No usable hierarchy at all: nothing can be enforced; say so (or refuse).
    auto missing = cgroup::limit_names(limits_);
    if (text.require_limits && !missing.empty())
      return make_error(Phase::cgroup,
                        "cannot enforce any cgroup limit: " + manager.error().describe());
    prepared_.not_enforced = missing;
    prepared_.hooks.finalize_outcome = [missing](Outcome& o) {
      for (const auto& n : missing) o.limits_not_enforced.push_back(n);
    };
    return {};
  }
  manager_.emplace(std::move(*manager));
  if (cgroup::limit_names(limits_).empty()) return {};
  auto prepared = cgroup::prepare_run(*manager_, limits_, text.require_limits);
  if (!prepared) return std::unexpected(prepared.error());
  prepared_ = std::move(*prepared);
  if (prepared_.run && limits_.cpu_time) watch_.emplace(*prepared_.run, *limits_.cpu_time);
  return {};
}

// v1: the workload joins the run cgroup itself through fds opened here (no RCU grace period,
// see run_cgroup.hpp); if any cannot be opened, the supervisor attaches init as before.
void ResourceSession::open_join_fds() {
  join_.clear();
  for (const auto& file : prepared_.hooks.self_attach_files) {
    UniqueFd fd(::open(file.c_str(), O_WRONLY | O_CLOEXEC));
    if (!fd) {
      join_.clear();
      return;
    }
    join_.push_back(std::move(fd));
  }
}

Result<std::vector<UniqueFd>> ResourceSession::late_cgroup(pid_t init) {
  if (auto r = prepare_cgroups(*late_text_); !r) return std::unexpected(r.error());
  open_join_fds();
  if (!join_.empty()) {
    joined_by_fds_ = true;
    return std::move(join_);
  }
  if (prepared_.hooks.attach_cgroup)
    if (auto r = prepared_.hooks.attach_cgroup(init); !r) return std::unexpected(r.error());
  return std::vector<UniqueFd>{};
}

// Only the workload's processes were in the run cgroup and init reaped the workload: what
// is left in it is killed now, the figures are kept and the directories removed while init
// still exits. (When init itself is inside — v2, or attached by pid — this waits for the
// usual end.)
void ResourceSession::workload_exited() {
  if (!joined_by_fds_ || !prepared_.run) return;
  finished_ = true;
  (void)prepared_.run->finish();
}

void ResourceSession::housekeeping() {
  if (reaped_) return;
  reaped_ = true;
  sandbox::reap_stale_run_dirs(runtime_base_);
  if (manager_) {
    (void)manager_->reap_stale();
  } else if (reap_options_) {
    if (auto m = cgroup::CgroupManager::open(*reap_options_); m) (void)m->reap_stale();
  }
}

sandbox::LaunchHooks ResourceSession::launch_hooks() {
  sandbox::LaunchHooks h;
  h.housekeeping = [this] { housekeeping(); };
  h.on_workload_exit = [this] { workload_exited(); };
  if (late_text_) {
    h.late_cgroup = [this](pid_t init) { return late_cgroup(init); };
  } else {
    const auto& c = prepared_.hooks;
    h.clone_into_cgroup_fd = c.clone_into_cgroup_fd;
    h.attach_cgroup = c.attach_cgroup;
    open_join_fds();
    joined_by_fds_ = !join_.empty();
    for (const auto& fd : join_) h.self_attach_fds.push_back(fd.get());
  }
  // The CPU-time watch kills every process of the cgroup (on v2 the sandbox's init too, so
  // the launcher may see an init that died without reporting): the budget is the cause.
  // Likewise on v2 memory.oom.group makes the OOM killer take the whole cgroup, init too:
  // an init death with an OOM kill recorded in the run's cgroup is the memory limit.
  h.finalize_outcome = [this](Outcome& o) {
    if (prepared_.hooks.finalize_outcome) prepared_.hooks.finalize_outcome(o);
    if (o.status == Status::internal_error && prepared_.run) {
      auto figures = prepared_.run->figures();
      if (figures && figures->oom_kills > 0) {
        o.status = Status::memory_limit;
        o.reason = "oom";
        o.exit_code.reset();
        o.signal = SIGKILL;
      }
    }
    if (watch_ && watch_->fired() && o.status != Status::setup_error &&
        o.status != Status::security_violation && o.status != Status::memory_limit) {
      o.status = Status::time_limit;
      o.reason = "cpu";
      o.exit_code.reset();
      o.signal = SIGKILL;
    }
  };
  if (!prepared_.run && !late_text_) return h;
  h.tick_interval = std::chrono::milliseconds(20);
  h.on_tick = [this] {
    if (!prepared_.run || finished_) return;
    if (prepared_.hooks.sample) prepared_.hooks.sample();
    if (watch_) (void)watch_->poll();
  };
  return h;
}

}  // namespace tc::cli
