// tinycontainer — one run's cgroup (RAII): limits applied, processes attached, figures.
//
// Contract: a RunCgroup is created by a Backend with every requested limit already
// written, before any process is attached, so the workload never runs unconfined.
// Its destructor (through destroy()) kills every process inside (v2 cgroup.kill; v1
// freezer + SIGKILL, or repeated SIGKILL), waits until the cgroup is empty and removes
// its directories (retrying EBUSY). destroy() is idempotent.
// attach(pid) moves one process (its whole thread group) into the run cgroup(s);
// clone_into_fd() is an O_PATH|O_DIRECTORY|O_CLOEXEC fd of the v2 run directory for
// clone3(CLONE_INTO_CGROUP), or -1 on v1.
// cpu_usage_ns() is one small read (cpu.stat / cpuacct.usage): cheap enough to poll
// every 10 ms. sample() records pids.current for the peak when the kernel has no
// pids.peak. warnings() lists limits that were asked but could only be partly applied
// (e.g. "swap: ... could not be disabled").
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "linux/cgroup/figures.hpp"

namespace tc::cgroup {

class RunCgroup {
 public:
  RunCgroup() = default;
  RunCgroup(const RunCgroup&) = delete;
  RunCgroup& operator=(const RunCgroup&) = delete;
  virtual ~RunCgroup() = default;

  [[nodiscard]] virtual CgroupVersion version() const noexcept = 0;
  [[nodiscard]] virtual const std::string& name() const noexcept = 0;
  // Every directory this run created (one on v2, one per hierarchy on v1).
  [[nodiscard]] virtual std::vector<std::string> dirs() const = 0;
  [[nodiscard]] virtual int clone_into_fd() const noexcept = 0;
  [[nodiscard]] virtual Result<void> attach(pid_t pid) = 0;
  // v1: the `tasks` file of every run directory. A process that opens none of them itself
  // can still join the run cgroup by writing "0" to fds the supervisor opened (the kernel
  // checks the opener's credentials): moving the *current thread* skips the global
  // cgroup_threadgroup_rwsem, whose write side waits for an RCU grace period (≈ 1–6 ms on
  // this VM) — the cost of attach(pid). Empty on v2 (CLONE_INTO_CGROUP is used there).
  [[nodiscard]] virtual std::vector<std::string> self_attach_files() const { return {}; }
  [[nodiscard]] virtual Result<std::uint64_t> cpu_usage_ns() = 0;
  [[nodiscard]] virtual Result<void> kill_all() = 0;
  [[nodiscard]] virtual Result<Figures> figures() = 0;
  virtual void sample() = 0;
  [[nodiscard]] virtual Result<void> destroy() = 0;
  // Records figures() and then destroy()s: figures() keeps returning that record. For a
  // supervisor that knows the run is over before it has finished waiting for the sandbox.
  [[nodiscard]] virtual Result<void> finish() = 0;
  [[nodiscard]] virtual const std::vector<std::string>& warnings() const noexcept = 0;
};

}  // namespace tc::cgroup
