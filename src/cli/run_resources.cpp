#include "cli/run_resources.hpp"

#include <fcntl.h>

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

std::unexpected<Error> usage(const char* flag, const std::string& what) {
  return make_error(Phase::usage, std::string(flag) + ": " + what);
}

Result<std::optional<std::uint64_t>> parse_count(const char* flag, const std::string& v) {
  if (v.empty() || unlimited(v)) return std::nullopt;
  std::uint64_t n = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || p != v.data() + v.size())
    return usage(flag, "'" + v + "' is not a whole number (or 'max')");
  return n;
}

Result<std::optional<double>> parse_cpus(const std::string& v) {
  if (v.empty() || unlimited(v)) return std::nullopt;
  double d = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
  if (ec != std::errc() || p != v.data() + v.size() || !std::isfinite(d))
    return usage("--cpus", "'" + v + "' is not a number of CPUs (e.g. 0.5, 2)");
  return d;
}

}  // namespace

Result<cgroup::Limits> parse_limits(const ResourceText& t) {
  cgroup::Limits l;
  if (!t.memory.empty() && !unlimited(t.memory)) {
    auto m = parse_size(t.memory);
    if (!m) return usage("--memory", m.error().message);
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
    if (!d) return usage("--cpu-time", d.error().message);
    if (d->count() <= 0) return usage("--cpu-time", "must be positive");
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
    if (auto ok = cgroup::validate(one); !ok) return usage(flag, ok.error().message);
  return l;
}

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
  auto manager = cgroup::CgroupManager::open(options);
  // A bad or unusable --cgroup-parent is the caller's explicit choice: refuse it.
  if (!manager && (manager.error().phase == Phase::usage || !text.cgroup_parent.empty()))
    return std::unexpected(manager.error());
  if (!manager) {
    // No usable hierarchy at all: nothing can be enforced; say so (or refuse).
    auto missing = cgroup::limit_names(s->limits_);
    if (text.require_limits && !missing.empty())
      return make_error(Phase::cgroup,
                        "cannot enforce any cgroup limit: " + manager.error().describe());
    s->prepared_.not_enforced = missing;
    s->prepared_.hooks.finalize_outcome = [missing](Outcome& o) {
      for (const auto& n : missing) o.limits_not_enforced.push_back(n);
    };
    return s;
  }
  s->manager_.emplace(std::move(*manager));
  if (cgroup::limit_names(s->limits_).empty()) return s;
  auto prepared = cgroup::prepare_run(*s->manager_, s->limits_, text.require_limits);
  if (!prepared) return std::unexpected(prepared.error());
  s->prepared_ = std::move(*prepared);
  if (s->prepared_.run && s->limits_.cpu_time)
    s->watch_.emplace(*s->prepared_.run, *s->limits_.cpu_time);
  return s;
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
  const auto& c = prepared_.hooks;
  h.clone_into_cgroup_fd = c.clone_into_cgroup_fd;
  h.attach_cgroup = c.attach_cgroup;
  // v1: init joins the run cgroup itself through fds opened here (no RCU grace period, see
  // run_cgroup.hpp); if any cannot be opened, the supervisor attaches it as before.
  self_attach_.clear();
  for (const auto& file : c.self_attach_files) {
    UniqueFd fd(::open(file.c_str(), O_WRONLY | O_CLOEXEC));
    if (!fd) {
      self_attach_.clear();
      break;
    }
    self_attach_.push_back(std::move(fd));
  }
  for (const auto& fd : self_attach_) h.self_attach_fds.push_back(fd.get());
  // The CPU-time watch kills every process of the cgroup, the sandbox's init included, so
  // the launcher sees an init that died without reporting: the budget is the cause.
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
  if (!prepared_.run) return h;
  h.tick_interval = std::chrono::milliseconds(20);
  h.on_tick = [this] {
    if (prepared_.hooks.sample) prepared_.hooks.sample();
    if (watch_) (void)watch_->poll();
  };
  return h;
}

}  // namespace tc::cli
