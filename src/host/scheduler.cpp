// tinycontainer host — the scheduler thread of the Manager (docs/HOST.md "Scheduling").
//
// Fixed-priority preemptive scheduling at slice granularity: the ready job with the lowest
// priority number runs (ties: earliest release, then FIFO); it runs one slice of
// HostConfig::fuel_slice instructions, then the scheduler re-decides, so a higher-priority
// release preempts a running loop within one slice. Each periodic container has one timer
// (its next release); a phase's budget is the execution time it consumed (so preemption by
// a more urgent container does not count against it), checked after every slice.
#include <thread>

#include "host/manager.hpp"

namespace tc::host {

namespace md = tc::metadata;
using std::chrono::microseconds;
using std::chrono::nanoseconds;

// A container whose next release is further away than this drops its execution stacks
// between loops (Instance::trim): a 10 ms container keeps them (no allocation per loop),
// an idle one does not hold them.
constexpr auto kTrimHorizon = std::chrono::milliseconds(50);

namespace {
void maybe_trim(Container& c, Clock::time_point now) {
  if (c.instance && c.next_release - now > kTrimHorizon) c.instance->trim();
}
}  // namespace

std::unique_lock<std::mutex> Manager::lock_service() {
  control_waiting_.fetch_add(1);
  std::unique_lock lock(service_mu_);
  control_waiting_.fetch_sub(1);
  return lock;
}

void Manager::run_scheduler() {
  for (;;) {
    std::unique_lock service(service_mu_);
    std::unique_lock lock(mu_);
    if (shutdown_) return;
    const auto now = Clock::now();
    Clock::time_point wake = now + std::chrono::seconds(1);
    Container* c = pick_locked(now, wake);
    if (!c) {
      service.unlock();
      wake_.wait_until(lock, wake);
      continue;
    }
    Instance* inst = c->instance.get();
    lock.unlock();
    const auto t0 = Clock::now();
    const StepResult r = inst->step(config_.fuel_slice);
    const auto t1 = Clock::now();
    lock.lock();
    account_locked(*c, r, t1 - t0, t1);
    lock.unlock();
    service.unlock();
    // Control operations get the service lock between two slices.
    while (control_waiting_.load(std::memory_order_relaxed) > 0) std::this_thread::yield();
  }
}

microseconds Manager::budget_of(const Container& c) const noexcept {
  switch (c.job) {
    case Job::start: return c.active.start_max_duration;
    case Job::stop: return c.active.stop_max_duration;
    default:
      return c.active.loop_max_duration.count() > 0 ? c.active.loop_max_duration : c.active.loop_period;
  }
}

void Manager::unqueue_locked(Container& c) {
  if (c.ready_it) {
    ready_.erase(*c.ready_it);
    c.ready_it.reset();
  }
  if (c.timer_it) {
    timers_.erase(*c.timer_it);
    c.timer_it.reset();
  }
}

void Manager::make_ready_locked(Container& c, Clock::time_point release) {
  unqueue_locked(c);
  c.ready_it = ready_.emplace(ReadyKey{c.active.priority, release, ++seq_}, &c).first;
}

void Manager::arm_timer_locked(Container& c, Clock::time_point at) {
  unqueue_locked(c);
  c.timer_it = timers_.emplace(at, &c);
}

void Manager::begin_job_locked(Container& c, Job job) {
  c.job = job;
  c.job_used = nanoseconds(0);
  c.job_total = nanoseconds(0);
  const PhaseKind kind = job == Job::start ? PhaseKind::start : job == Job::stop ? PhaseKind::stop : PhaseKind::loop;
  c.instance->begin(kind, budget_of(c));
}

// A timer fired: a period starts (or a waiting job is re-polled).
void Manager::release_locked(Container& c, Clock::time_point now) {
  if (c.poll) {
    c.poll = false;
    make_ready_locked(c, now);
    return;
  }
  const Clock::time_point release = c.next_release;
  c.active = c.meta.scheduling;  // reconfiguration takes effect at the next loop
  c.next_release = release + c.active.loop_period;
  while (c.next_release <= now) {  // missed periods are skipped (counted)
    c.next_release += c.active.loop_period;
    ++c.stats.missed_periods;
  }
  if (c.job_continues && c.job != Job::none) {
    c.job_continues = false;
    c.job_used = nanoseconds(0);  // a fresh budget in the new period
    if (c.job == Job::loop && c.instance->one_shot()) c.instance->begin(PhaseKind::loop, budget_of(c));
  } else {
    c.job_continues = false;
    begin_job_locked(c, Job::loop);
  }
  make_ready_locked(c, release);
}

Container* Manager::pick_locked(Clock::time_point now, Clock::time_point& wake) {
  while (!timers_.empty() && timers_.begin()->first <= now) {
    Container* c = timers_.begin()->second;
    timers_.erase(timers_.begin());
    c->timer_it.reset();
    release_locked(*c, now);
  }
  if (!timers_.empty() && timers_.begin()->first < wake) wake = timers_.begin()->first;
  return ready_.empty() ? nullptr : ready_.begin()->second;
}

void Manager::end_locked(Container& c, State state) {
  unqueue_locked(c);
  c.job = Job::none;
  c.job_continues = false;
  c.poll = false;
  c.state = state;
  if (c.instance) c.instance->finalize();
  c.instance.reset();  // frees linear memory; start() builds a fresh instance
  if (c.endpoints) c.endpoints->close_all();
  changed_.notify_all();
}

void Manager::job_done_locked(Container& c, Clock::time_point now) {
  switch (c.job) {
    case Job::start:
      c.job = Job::none;
      arm_timer_locked(c, c.next_release);
      maybe_trim(c, now);
      break;
    case Job::loop: {
      c.job = Job::none;
      ++c.stats.loops;
      const double us = static_cast<double>(c.job_total.count()) / 1000.0;
      c.loop_us_total += us;
      c.stats.mean_loop_us = c.loop_us_total / static_cast<double>(c.stats.loops);
      if (us > c.stats.max_loop_us) c.stats.max_loop_us = us;
      if (c.active.loop_max_lifetime != 0 && c.stats.loops >= c.active.loop_max_lifetime) {
        request_stop_locked(c, State::finished, "");
        return;
      }
      arm_timer_locked(c, std::max(c.next_release, now));
      maybe_trim(c, now);
      break;
    }
    case Job::stop: end_locked(c, c.stop_target); break;
    case Job::none: unqueue_locked(c); break;
  }
}

void Manager::on_overrun_locked(Container& c, Clock::time_point now) {
  if (c.job == Job::loop && c.instance->one_shot()) {  // a program's share of this period is used
    c.job_continues = true;
    arm_timer_locked(c, c.next_release);
    return;
  }
  ++c.stats.overruns;
  const std::string budget = std::to_string(budget_of(c).count()) + " µs";
  switch (c.job) {
    case Job::start:
      if (c.active.overrun == md::OverrunPolicy::preempt_resume) {
        while (c.next_release <= now) c.next_release += c.active.loop_period;
        c.job_continues = true;
        arm_timer_locked(c, c.next_release);
      } else {
        c.instance->abandon();
        c.job = Job::none;
        request_stop_locked(c, State::failed, "start exceeded start_max_duration (" + budget + ")");
      }
      return;
    case Job::loop:
      switch (c.active.overrun) {
        case md::OverrunPolicy::skip:
          c.instance->abandon();
          c.job = Job::none;
          arm_timer_locked(c, c.next_release);
          maybe_trim(c, now);
          return;
        case md::OverrunPolicy::preempt_resume:
          c.job_continues = true;
          arm_timer_locked(c, c.next_release);
          return;
        case md::OverrunPolicy::stop:
          c.instance->abandon();
          c.job = Job::none;
          request_stop_locked(c, State::failed, "loop exceeded loop_max_duration (" + budget + "): overrun policy stop");
          return;
      }
      return;
    case Job::stop:
      c.instance->abandon();
      if (c.last_error.empty()) c.last_error = "stop exceeded stop_max_duration (" + budget + ")";
      end_locked(c, c.stop_target);
      return;
    case Job::none: return;
  }
}

void Manager::account_locked(Container& c, const StepResult& r, nanoseconds used, Clock::time_point now) {
  c.stats.fuel_used += r.fuel_used;
  c.job_used += used;
  c.job_total += used;
  switch (r.status) {
    case StepStatus::running:
      if (c.job_used >= budget_of(c)) on_overrun_locked(c, now);
      return;
    case StepStatus::waiting:
      c.job_continues = true;
      if (r.retry_in.count() > 0) {
        c.poll = true;
        arm_timer_locked(c, now + r.retry_in);
      } else {
        arm_timer_locked(c, c.next_release);
      }
      return;
    case StepStatus::done: job_done_locked(c, now); return;
    case StepStatus::finished:
      if (r.exit_code) c.exit_code = r.exit_code;
      if (c.job == Job::loop && !c.instance->one_shot()) {
        ++c.stats.loops;
        c.job = Job::none;
        request_stop_locked(c, State::finished, "");  // `stop` runs, then finished
      } else if (c.job == Job::stop) {
        end_locked(c, c.stop_target);
      } else {
        end_locked(c, State::finished);
      }
      return;
    case StepStatus::failed:
      c.last_error = r.reason;
      if (r.exit_code) c.exit_code = r.exit_code;
      end_locked(c, State::failed);
      return;
  }
}

}  // namespace tc::host
