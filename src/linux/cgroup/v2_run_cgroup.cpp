#include "linux/cgroup/v2_run_cgroup.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <optional>

#include "common/unique_fd.hpp"
#include "linux/cgroup/files.hpp"
#include "linux/cgroup/procs.hpp"

namespace tc::cgroup {
namespace {

using Clock = std::chrono::steady_clock;

Result<bool> populated(const std::string& dir) {
  auto events = read_keyed_file(dir + "/cgroup.events");
  if (!events) return std::unexpected(events.error());
  const auto it = events->find("populated");
  return it != events->end() && it->second != 0;
}

Result<void> kill_v2_dir(const std::string& dir) {
  if (file_exists(dir + "/cgroup.kill")) {
    auto wrote = write_file(dir + "/cgroup.kill", "1");
    if (!wrote) return wrote;
  } else {
    auto killed = kill_until_empty(dir);
    if (!killed) return killed;
  }
  const auto deadline = Clock::now() + kCleanupTimeout;
  for (unsigned attempt = 1;; ++attempt) {
    auto busy = populated(dir);
    if (!busy) return std::unexpected(busy.error());
    if (!*busy) return {};
    if (Clock::now() > deadline) {
      auto left = read_procs(dir);
      return make_error(Phase::cgroup, dir + " is still populated (" +
                                           std::to_string(left ? left->size() : 0) +
                                           " processes listed)");
    }
    // A process forked while the kill was being delivered may have escaped it: kill again.
    if (attempt % 16 == 0) {
      if (auto procs = read_procs(dir))
        for (pid_t pid : *procs) ::kill(pid, SIGKILL);
    }
    backoff_sleep(attempt);
  }
}

std::uint64_t value_or_zero(const KeyedValues& kv, std::string_view key) {
  const auto it = kv.find(key);
  return it == kv.end() ? 0 : it->second;
}

class V2RunCgroup final : public RunCgroup {
 public:
  V2RunCgroup(std::string name, std::string dir) : name_(std::move(name)), dir_(std::move(dir)) {}
  ~V2RunCgroup() override { (void)destroy(); }

  CgroupVersion version() const noexcept override { return CgroupVersion::v2; }
  const std::string& name() const noexcept override { return name_; }
  std::vector<std::string> dirs() const override { return {dir_}; }
  int clone_into_fd() const noexcept override { return fd_.get(); }
  const std::vector<std::string>& warnings() const noexcept override { return warnings_; }

  Result<void> open_fd() {
    fd_.reset(::open(dir_.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!fd_) return sys_error(Phase::cgroup, "open " + dir_);
    return {};
  }

  Result<void> apply(const Limits& limits, const std::vector<std::string>& enabled) {
    const auto need = [&](const char* controller, const char* limit) -> Result<void> {
      if (std::find(enabled.begin(), enabled.end(), controller) != enabled.end()) return {};
      return make_error(Phase::cgroup, std::string("cannot enforce ") + limit + ": the " +
                                           controller + " controller is not enabled");
    };
    if (limits.memory_bytes) {
      if (auto ok = need("memory", "memory"); !ok) return ok;
      if (auto ok = write_file(dir_ + "/memory.max", std::to_string(*limits.memory_bytes)); !ok)
        return ok;
      if (!file_exists(dir_ + "/memory.swap.max"))
        warnings_.emplace_back("swap: memory.swap.max is absent (swap accounting off)");
      else if (auto ok = write_file(dir_ + "/memory.swap.max", "0"); !ok)
        return ok;
      if (file_exists(dir_ + "/memory.oom.group"))
        if (auto ok = write_file(dir_ + "/memory.oom.group", "1"); !ok) return ok;
    }
    if (limits.pids) {
      if (auto ok = need("pids", "pids"); !ok) return ok;
      if (auto ok = write_file(dir_ + "/pids.max", std::to_string(*limits.pids)); !ok) return ok;
    }
    if (limits.cpus || limits.cpu_weight) {
      if (auto ok = need("cpu", limits.cpus ? "cpus" : "cpu-weight"); !ok) return ok;
    }
    if (limits.cpus)
      if (auto ok = write_file(dir_ + "/cpu.max", cpu_max_value(*limits.cpus)); !ok) return ok;
    if (limits.cpu_weight)
      if (auto ok = write_file(dir_ + "/cpu.weight", std::to_string(*limits.cpu_weight)); !ok)
        return ok;
    return {};
  }

  Result<void> attach(pid_t pid) override {
    return write_file(dir_ + "/cgroup.procs", std::to_string(pid));
  }

  Result<std::uint64_t> cpu_usage_ns() override {
    auto stat = read_keyed_file(dir_ + "/cpu.stat");
    if (!stat) return std::unexpected(stat.error());
    return value_or_zero(*stat, "usage_usec") * 1000;
  }

  Result<void> kill_all() override { return kill_v2_dir(dir_); }

  void sample() override {
    if (file_exists(dir_ + "/pids.peak")) return;
    if (auto cur = read_u64_file(dir_ + "/pids.current"))
      sampled_peak_ = std::max(sampled_peak_, *cur);
  }

  Result<Figures> figures() override {
    if (final_) return *final_;
    Figures f;
    auto stat = read_keyed_file(dir_ + "/cpu.stat");
    if (!stat) return std::unexpected(stat.error());
    f.cpu_usage_ns = value_or_zero(*stat, "usage_usec") * 1000;
    f.cpu_user_ns = value_or_zero(*stat, "user_usec") * 1000;
    f.cpu_system_ns = value_or_zero(*stat, "system_usec") * 1000;
    f.nr_periods = value_or_zero(*stat, "nr_periods");
    f.nr_throttled = value_or_zero(*stat, "nr_throttled");
    f.throttled_ns = value_or_zero(*stat, "throttled_usec") * 1000;
    if (auto peak = read_u64_file(dir_ + "/memory.peak")) f.memory_peak_bytes = *peak;
    if (auto events = read_keyed_file(dir_ + "/memory.events")) {
      f.oom_kills = value_or_zero(*events, "oom_kill");
      f.memory_limit_hits = value_or_zero(*events, "max");
    }
    if (auto peak = read_u64_file(dir_ + "/pids.peak")) {
      f.pids_peak = *peak;
    } else if (file_exists(dir_ + "/pids.current")) {
      sample();
      f.pids_peak = sampled_peak_;
      f.pids_peak_sampled = true;
    }
    if (auto events = read_keyed_file(dir_ + "/pids.events"))
      f.pids_limit_hits = value_or_zero(*events, "max");
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
    fd_.reset();
    return destroy_v2_dir(dir_);
  }

 private:
  std::string name_;
  std::string dir_;
  UniqueFd fd_;
  std::vector<std::string> warnings_;
  std::uint64_t sampled_peak_ = 0;
  bool destroyed_ = false;
  std::optional<Figures> final_;
};

}  // namespace

Result<void> destroy_v2_dir(const std::string& dir) {
  if (!file_exists(dir)) return {};
  auto killed = kill_v2_dir(dir);
  auto removed = remove_dir(dir);
  if (!killed) return killed;
  return removed;
}

Result<std::unique_ptr<RunCgroup>> make_v2_run(const std::string& parent, const std::string& name,
                                               const Limits& limits,
                                               const std::vector<std::string>& enabled) {
  const std::string dir = parent + "/" + name;
  if (::mkdir(dir.c_str(), 0755) != 0) return sys_error(Phase::cgroup, "mkdir " + dir);
  auto run = std::make_unique<V2RunCgroup>(name, dir);  // owns dir from here on
  if (auto ok = run->open_fd(); !ok) return std::unexpected(ok.error());
  if (auto ok = run->apply(limits, enabled); !ok) return std::unexpected(ok.error());
  return run;
}

}  // namespace tc::cgroup
