// tinycontainer host — the container manager: HostControl (control.hpp) over many
// containers, with one scheduler thread (scheduler.cpp, docs/HOST.md "Scheduling").
//
// Locking (two mutexes, always taken in this order):
//  * service_mu_ — held by whoever runs guest code or service code: the scheduler while it
//    steps an instance, a control operation while it creates, restarts or destroys one.
//    This is how the host serialises service calls (service.hpp).
//  * mu_ — the containers map and every lifecycle/scheduling/statistics field; held
//    briefly. Waiters (stop, remove, update, wait) sleep on changed_ with mu_ only.
//  Control operations are serialised among themselves by control_mu_ (taken first).
//  A control operation is atomic with respect to the scheduler: it never sees a half
//  step, and the scheduler never sees a half transition.
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "host/container.hpp"
#include "host/host.hpp"
#include "host/runtime_registry.hpp"
#include "host/service_router.hpp"

namespace tc::host {

class Manager final : public HostControl {
 public:
  Manager(HostConfig config, ServiceRouter router, RuntimeRegistry runtimes);
  ~Manager() override;

  Result<std::string> load(const LoadRequest& request) override;
  Result<void> start(std::string_view uid) override;
  Result<void> stop(std::string_view uid) override;
  Result<void> suspend(std::string_view uid) override;
  Result<void> resume(std::string_view uid) override;
  Result<void> remove(std::string_view uid) override;
  Result<void> update(std::string_view uid, const LoadRequest& request, bool restart) override;
  Result<void> reconfigure(std::span<const std::uint8_t> request) override;
  Result<ContainerStatus> status(std::string_view uid) override;
  std::vector<ContainerStatus> list() override;
  Result<ContainerStatus> wait(std::string_view uid, std::chrono::milliseconds timeout) override;
  Result<ContainerOutputText> output(std::string_view uid) override;

 private:
  // Control-side helpers (manager.cpp); `_locked` = caller holds mu_.
  Result<metadata::Metadata> parse(const LoadRequest& request);
  Result<void> instantiate(Container& c);  // caller holds service_mu_
  Container* find_locked(std::string_view uid);
  Result<Container*> get_locked(std::string_view uid);
  void start_locked(Container& c, Clock::time_point now);
  void request_stop_locked(Container& c, State target, std::string reason);
  void wait_terminal(std::unique_lock<std::mutex>& lock, const std::string& uid);
  ContainerStatus snapshot_locked(const Container& c) const;

  // Scheduler (scheduler.cpp).
  void run_scheduler();
  std::unique_lock<std::mutex> lock_service();  // control side: the scheduler yields to it
  void release_locked(Container& c, Clock::time_point now);
  Container* pick_locked(Clock::time_point now, Clock::time_point& wake);
  void account_locked(Container& c, const StepResult& r, std::chrono::nanoseconds used, Clock::time_point now);
  void on_overrun_locked(Container& c, Clock::time_point now);
  void job_done_locked(Container& c, Clock::time_point now);
  void end_locked(Container& c, State state);
  void make_ready_locked(Container& c, Clock::time_point release);
  void arm_timer_locked(Container& c, Clock::time_point at);
  void unqueue_locked(Container& c);
  void begin_job_locked(Container& c, Job job);
  [[nodiscard]] std::chrono::microseconds budget_of(const Container& c) const noexcept;

  HostConfig config_;
  ServiceRouter router_;
  RuntimeRegistry runtimes_;
  metadata::RuntimeTypes runtime_types_;
  const Clock::time_point epoch_ = Clock::now();

  std::atomic<int> control_waiting_{0};
  std::mutex control_mu_;
  std::mutex service_mu_;
  std::mutex mu_;
  std::condition_variable wake_;     // the scheduler: new work or shutdown
  std::condition_variable changed_;  // waiters: a container changed state
  std::map<std::string, std::unique_ptr<Container>, std::less<>> containers_;
  ReadyQueue ready_;
  TimerQueue timers_;
  std::uint64_t seq_ = 0;
  bool shutdown_ = false;
  std::thread scheduler_;
};

}  // namespace tc::host
