// tinycontainer — keeping the supervisor and the sandbox's init on different CPUs.
//
// Contract: CpuSpread::plan() reads the calling thread's allowed CPUs. With at least two, the
// plan keeps the supervisor on the CPU it runs on now and init on the others, so the two
// work in parallel while the sandbox is built (the supervisor writes the id maps, creates
// the run cgroup) and while it is torn down (init's namespace teardown, the supervisor's
// cgroup removal). Left to itself, the scheduler often puts both on one CPU: every hand-off
// over a pipe or socket is a "sync" wake-up that pulls the woken task next to its waker,
// although the waker goes on working. With fewer than two CPUs the plan is inactive and
// every call is a no-op. The workload never inherits a narrowed set: init widens itself to
// the original set just before it spawns the workload and narrows itself again after.
// restore_supervisor() gives the caller its original set back. All calls are
// async-signal-safe (plain syscalls) and ignore errors: this is a placement hint, never a
// reason for a run to fail.
#pragma once

#include <sched.h>
#include <sys/types.h>

namespace tc::sandbox {

class CpuSpread {
 public:
  [[nodiscard]] static CpuSpread plan() noexcept;
  [[nodiscard]] bool active() const noexcept { return active_; }
  // Supervisor, right after the clone: itself on its CPU, init on the others.
  void apply_after_clone(pid_t init) const noexcept;
  void restore_supervisor() const noexcept;
  // init: around spawning the workload.
  void widen_self() const noexcept;
  void narrow_self() const noexcept;

 private:
  bool active_ = false;
  cpu_set_t all_{};
  cpu_set_t supervisor_{};
  cpu_set_t init_{};
};

}  // namespace tc::sandbox
