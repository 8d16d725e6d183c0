#include "linux/cgroup/v1_run_cgroup.hpp"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <optional>

#include "linux/cgroup/files.hpp"
#include "linux/cgroup/procs.hpp"

namespace tc::cgroup {
namespace {

using Clock = std::chrono::steady_clock;

std::string child(const std::string& parent, const std::string& name) {
  return parent.empty() ? std::string() : parent + "/" + name;
}

std::uint64_t value_or_zero(const KeyedValues& kv, std::string_view key) {
  const auto it = kv.find(key);
  return it == kv.end() ? 0 : it->second;
}

// Freezes the freezer cgroup, SIGKILLs every member, thaws it (signals are delivered
// on thaw). Without the freezer, a fork bomb could outrun kill_until_empty; pids.max
// bounds that case.
Result<void> freeze_and_kill(const std::string& freezer) {
  if (auto ok = write_file(freezer + "/freezer.state", "FROZEN"); !ok) return ok;
  const auto deadline = Clock::now() + std::chrono::seconds(1);
  for (unsigned attempt = 0; Clock::now() < deadline; ++attempt) {
    auto state = read_file(freezer + "/freezer.state");
    if (state && trim(*state) == "FROZEN") break;
    backoff_sleep(attempt);
  }
  auto pids = read_procs(freezer);
  if (pids)
    for (pid_t pid : *pids) ::kill(pid, SIGKILL);
  auto thawed = write_file(freezer + "/freezer.state", "THAWED");
  if (!pids) return std::unexpected(pids.error());
  return thawed;
}

Result<void> kill_dirs(const std::string& freezer, const std::vector<std::string>& dirs) {
  if (!freezer.empty() && file_exists(freezer)) {
    auto members = read_procs(freezer);
    if (!members) return std::unexpected(members.error());
    if (!members->empty())  // freezing an empty cgroup would only cost time
      if (auto ok = freeze_and_kill(freezer); !ok) return ok;
  }
  for (const std::string& dir : dirs)
    if (auto ok = kill_until_empty(dir); !ok) return ok;
  return {};
}

// Kills what is left in the directories, then removes them (retrying EBUSY).
Result<void> destroy_occupied(const std::string& freezer, const std::vector<std::string>& dirs) {
  auto killed = kill_dirs(freezer, dirs);
  Result<void> removed;
  for (const std::string& dir : dirs)
    if (auto ok = remove_dir(dir); !ok && removed) removed = ok;
  if (!killed) return killed;
  return removed;
}

class V1RunCgroup final : public RunCgroup {
 public:
  V1RunCgroup(const std::string& name, const V1Parents& p)
      : name_(name),
        memory_(child(p.memory, name)),
        pids_(child(p.pids, name)),
        cpu_(child(p.cpu, name)),
        cpuacct_(child(p.cpuacct, name)),
        freezer_(child(p.freezer, name)) {}
  ~V1RunCgroup() override { (void)destroy(); }

  CgroupVersion version() const noexcept override { return CgroupVersion::v1; }
  const std::string& name() const noexcept override { return name_; }
  std::vector<std::string> dirs() const override { return created_; }
  std::vector<std::string> self_attach_files() const override {
    std::vector<std::string> files;
    for (const std::string& dir : created_) files.push_back(dir + "/tasks");
    return files;
  }
  int clone_into_fd() const noexcept override { return -1; }
  const std::vector<std::string>& warnings() const noexcept override { return warnings_; }

  Result<void> make_dirs() {
    for (const std::string* d : {&memory_, &pids_, &cpu_, &cpuacct_, &freezer_}) {
      if (d->empty() || std::find(created_.begin(), created_.end(), *d) != created_.end()) continue;
      if (::mkdir(d->c_str(), 0755) != 0) return sys_error(Phase::cgroup, "mkdir " + *d);
      created_.push_back(*d);
    }
    return {};
  }

  Result<void> apply(const Limits& limits) {
    const auto need = [](const std::string& dir, const char* limit) -> Result<void> {
      if (!dir.empty()) return {};
      return make_error(Phase::cgroup,
                        std::string("cannot enforce ") + limit + ": controller not mounted");
    };
    if (limits.memory_bytes) {
      if (auto ok = need(memory_, "memory"); !ok) return ok;
      const std::string v = std::to_string(*limits.memory_bytes);
      if (auto ok = write_file(memory_ + "/memory.limit_in_bytes", v); !ok) return ok;
      if (!file_exists(memory_ + "/memory.memsw.limit_in_bytes"))
        warnings_.emplace_back(
            "swap: memory.memsw.limit_in_bytes is absent (swap accounting off); swap could "
            "not be disabled");
      else if (auto ok = write_file(memory_ + "/memory.memsw.limit_in_bytes", v); !ok)
        return ok;
    }
    if (limits.pids) {
      if (auto ok = need(pids_, "pids"); !ok) return ok;
      if (auto ok = write_file(pids_ + "/pids.max", std::to_string(*limits.pids)); !ok) return ok;
    }
    if (limits.cpus) {
      if (auto ok = need(cpu_, "cpus"); !ok) return ok;
      if (auto ok = write_file(cpu_ + "/cpu.cfs_period_us", std::to_string(kCpuPeriodUs)); !ok)
        return ok;
      if (auto ok =
              write_file(cpu_ + "/cpu.cfs_quota_us", std::to_string(cpu_quota_us(*limits.cpus)));
          !ok)
        return ok;
    }
    if (limits.cpu_weight) {
      if (auto ok = need(cpu_, "cpu-weight"); !ok) return ok;
      if (auto ok = write_file(cpu_ + "/cpu.shares",
                               std::to_string(weight_to_shares(*limits.cpu_weight)));
          !ok)
        return ok;
    }
    return {};
  }

  Result<void> attach(pid_t pid) override {
    const std::string text = std::to_string(pid);
    for (const std::string& dir : created_)
      if (auto ok = write_file(dir + "/cgroup.procs", text); !ok) return ok;
    return {};
  }

  Result<std::uint64_t> cpu_usage_ns() override {
    if (cpuacct_.empty()) return make_error(Phase::cgroup, "cpuacct hierarchy not mounted");
    return read_u64_file(cpuacct_ + "/cpuacct.usage");
  }

  Result<void> kill_all() override { return kill_dirs(freezer_, created_); }

  void sample() override {
    if (pids_.empty() || has_pids_peak()) return;
    if (auto cur = read_u64_file(pids_ + "/pids.current"))
      sampled_peak_ = std::max(sampled_peak_, *cur);
  }

  Result<Figures> figures() override {
    if (final_) return *final_;
    Figures f;
    if (!cpuacct_.empty()) {
      auto usage = read_u64_file(cpuacct_ + "/cpuacct.usage");
      if (!usage) return std::unexpected(usage.error());
      f.cpu_usage_ns = *usage;
      auto user = read_u64_file(cpuacct_ + "/cpuacct.usage_user");
      auto sys = read_u64_file(cpuacct_ + "/cpuacct.usage_sys");
      if (user && sys) {
        // usage_user/usage_sys split the time by tick samples, so their sum can trail the
        // exact cpuacct.usage by a tick per CPU; like v2's cpu.stat (cputime_adjust), the
        // exact total is split in their proportion.
        const std::uint64_t split = *user + *sys;
        f.cpu_user_ns =
            split == 0
                ? 0
                : static_cast<std::uint64_t>(static_cast<long double>(*usage) * *user / split);
        f.cpu_system_ns = *usage - f.cpu_user_ns;
      } else if (auto stat = read_keyed_file(cpuacct_ + "/cpuacct.stat")) {
        const std::uint64_t ns_per_tick =
            1000000000ULL / static_cast<std::uint64_t>(::sysconf(_SC_CLK_TCK));
        f.cpu_user_ns = value_or_zero(*stat, "user") * ns_per_tick;
        f.cpu_system_ns = value_or_zero(*stat, "system") * ns_per_tick;
      }
    }
    if (!memory_.empty()) {
      if (auto peak = read_u64_file(memory_ + "/memory.max_usage_in_bytes"))
        f.memory_peak_bytes = *peak;
      if (auto oom = read_keyed_file(memory_ + "/memory.oom_control"))
        f.oom_kills = value_or_zero(*oom, "oom_kill");
      if (auto fail = read_u64_file(memory_ + "/memory.failcnt")) f.memory_limit_hits = *fail;
    }
    if (!pids_.empty()) {
      if (auto peak = read_u64_file(pids_ + "/pids.peak")) {
        f.pids_peak = *peak;
      } else {
        sample();
        f.pids_peak = sampled_peak_;
        f.pids_peak_sampled = true;
      }
      if (auto events = read_keyed_file(pids_ + "/pids.events"))
        f.pids_limit_hits = value_or_zero(*events, "max");
    }
    if (!cpu_.empty())
      if (auto stat = read_keyed_file(cpu_ + "/cpu.stat")) {
        f.nr_periods = value_or_zero(*stat, "nr_periods");
        f.nr_throttled = value_or_zero(*stat, "nr_throttled");
        f.throttled_ns = value_or_zero(*stat, "throttled_time");
      }
    return f;
  }

  Result<void> finish() override {
    if (!destroyed_ && !final_)
      if (auto f = figures()) final_ = *f;
    return destroy();
  }

  Result<void> destroy() override {
    if (destroyed_) return {};
    destroyed_ = true;
    return destroy_v1_dirs(freezer_, created_);
  }

 private:
  bool has_pids_peak() const { return file_exists(pids_ + "/pids.peak"); }

  std::string name_, memory_, pids_, cpu_, cpuacct_, freezer_;
  std::vector<std::string> created_;
  std::vector<std::string> warnings_;
  std::uint64_t sampled_peak_ = 0;
  bool destroyed_ = false;
  std::optional<Figures> final_;
};

}  // namespace

Result<void> destroy_v1_dirs(const std::string& freezer, const std::vector<std::string>& dirs) {
  // The usual end: every member is gone and each directory simply goes (an occupied one
  // refuses with EBUSY, and only those are emptied the slow way).
  std::vector<std::string> left;
  for (const std::string& dir : dirs)
    if (::rmdir(dir.c_str()) != 0 && errno != ENOENT) left.push_back(dir);
  if (left.empty()) return {};
  const bool freezer_left = std::find(left.begin(), left.end(), freezer) != left.end();
  return destroy_occupied(freezer_left ? freezer : std::string(), left);
}

Result<std::unique_ptr<RunCgroup>> make_v1_run(const V1Parents& parents, const std::string& name,
                                               const Limits& limits) {
  // A cpu-controller cgroup is a scheduler task group: created only for a cpu limit.
  // Without one the workload competes as a plain task of its parent's group (like an
  // unsandboxed process) instead of as a fresh group entity; cpuacct still measures it.
  V1Parents effective = parents;
  if (!limits.cpus && !limits.cpu_weight) effective.cpu.clear();
  auto run = std::make_unique<V1RunCgroup>(name, effective);
  if (auto ok = run->make_dirs(); !ok) return std::unexpected(ok.error());
  if (auto ok = run->apply(limits); !ok) return std::unexpected(ok.error());
  return run;
}

}  // namespace tc::cgroup
