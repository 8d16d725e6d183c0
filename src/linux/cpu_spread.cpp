#include "linux/cpu_spread.hpp"

namespace tc::sandbox {

CpuSpread CpuSpread::plan() noexcept {
  CpuSpread s;
  if (::sched_getaffinity(0, sizeof s.all_, &s.all_) != 0 || CPU_COUNT(&s.all_) < 2) return s;
  const int here = ::sched_getcpu();
  if (here < 0 || here >= CPU_SETSIZE || !CPU_ISSET(here, &s.all_)) return s;
  CPU_ZERO(&s.supervisor_);
  CPU_SET(here, &s.supervisor_);
  s.init_ = s.all_;
  CPU_CLR(here, &s.init_);
  s.active_ = true;
  return s;
}

void CpuSpread::apply_after_clone(pid_t init) const noexcept {
  if (!active_) return;
  (void)::sched_setaffinity(init, sizeof init_, &init_);
  (void)::sched_setaffinity(0, sizeof supervisor_, &supervisor_);
}

void CpuSpread::restore_supervisor() const noexcept {
  if (active_) (void)::sched_setaffinity(0, sizeof all_, &all_);
}

void CpuSpread::widen_self() const noexcept {
  if (active_) (void)::sched_setaffinity(0, sizeof all_, &all_);
}

void CpuSpread::narrow_self() const noexcept {
  if (active_) (void)::sched_setaffinity(0, sizeof init_, &init_);
}

}  // namespace tc::sandbox
