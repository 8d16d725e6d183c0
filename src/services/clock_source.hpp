// tinycontainer services — the time source of the services (clock, log rate limits).
//
// Contract:
//  * monotonic_us(): microseconds since the source was created; never decreases.
//  * wall_us(): microseconds since the Unix epoch (CLOCK_REALTIME; may jump).
//  * Both are noexcept and thread-safe. make_system_clock() reads std::chrono's
//    steady_clock/system_clock (clock_gettime, vDSO: no syscall on x86-64).
//  * ManualClock is for tests: time moves only when the test says so.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

namespace tc::services {

class ClockSource {
 public:
  virtual ~ClockSource() = default;
  [[nodiscard]] virtual std::uint64_t monotonic_us() const noexcept = 0;
  [[nodiscard]] virtual std::uint64_t wall_us() const noexcept = 0;
};

[[nodiscard]] std::shared_ptr<ClockSource> make_system_clock();

class ManualClock final : public ClockSource {
 public:
  explicit ManualClock(std::uint64_t monotonic_us = 0, std::uint64_t wall_us = 0) noexcept
      : mono_(monotonic_us), wall_(wall_us) {}
  [[nodiscard]] std::uint64_t monotonic_us() const noexcept override { return mono_.load(); }
  [[nodiscard]] std::uint64_t wall_us() const noexcept override { return wall_.load(); }
  // Moves both clocks forward by `us`.
  void advance(std::uint64_t us) noexcept {
    mono_.fetch_add(us);
    wall_.fetch_add(us);
  }
  void set_wall(std::uint64_t us) noexcept { wall_.store(us); }

 private:
  std::atomic<std::uint64_t> mono_;
  std::atomic<std::uint64_t> wall_;
};

}  // namespace tc::services
