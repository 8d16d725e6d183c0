// tinycontainer — the --cpu-time budget, enforced by the supervisor's poll loop.
//
// Contract: CpuTimeWatch::poll() does one cpu_usage_ns() read of the run cgroup (all
// its processes, children included); when usage reached the budget it calls kill_all()
// once and reports true from then on. The supervisor calls poll() every 10-50 ms; the
// overshoot is at most one poll interval of CPU time per CPU used.
#pragma once

#include <chrono>

#include "linux/cgroup/run_cgroup.hpp"

namespace tc::cgroup {

class CpuTimeWatch {
 public:
  CpuTimeWatch(RunCgroup& run, std::chrono::nanoseconds budget) : run_(run), budget_(budget) {}
  [[nodiscard]] Result<bool> poll();
  [[nodiscard]] bool fired() const noexcept { return fired_; }

 private:
  RunCgroup& run_;
  std::chrono::nanoseconds budget_;
  bool fired_ = false;
};

}  // namespace tc::cgroup
