// tinycontainer — how the host schedules a container's start / loop / stop phases.
//
// Contract (checked by validate.hpp; all durations in microseconds):
//   start_max_duration  1 µs .. 24 h    budget of the `start` export
//   loop_period         1 ms .. 24 h    one `loop` call per period
//   loop_max_duration   1 µs .. loop_period   budget of one `loop` call
//   loop_max_lifetime   number of `loop` calls before the container finishes (0 = unbounded)
//   stop_max_duration   1 µs .. 24 h    budget of the `stop` export
//   priority            0 .. 31, 0 is the most urgent (RIOT/Zephyr convention)
//   overrun             what the host does when a phase exceeds its budget:
//     skip            the overrunning loop call is abandoned (its instance state is
//                     rolled back to the last loop boundary where the runtime supports
//                     it, otherwise the call is aborted) and the next period starts on time;
//     preempt_resume  the call is preempted at its budget and resumed in the next period
//                     (fuel/time slices), skipping the loop call that period would start;
//     stop            the container is stopped (its `stop` export runs with its own
//                     budget) and ends in the `failed` state.
//   Every overrun is counted whatever the policy.
#pragma once

#include <chrono>
#include <cstdint>

namespace tc::metadata {

enum class OverrunPolicy : std::uint8_t { skip = 0, preempt_resume = 1, stop = 2 };

inline constexpr std::chrono::microseconds kMaxDuration{86'400'000'000};  // 24 h
inline constexpr std::chrono::microseconds kMinLoopPeriod{1'000};         // 1 ms
inline constexpr std::uint8_t kMaxPriority = 31;

struct Scheduling {
  std::chrono::microseconds start_max_duration{100'000};  // default 100 ms
  std::chrono::microseconds loop_period{0};               // required
  std::chrono::microseconds loop_max_duration{0};         // default: loop_period
  std::uint64_t loop_max_lifetime = 0;                    // 0 = unbounded
  std::chrono::microseconds stop_max_duration{100'000};   // default 100 ms
  std::uint8_t priority = 16;
  OverrunPolicy overrun = OverrunPolicy::skip;
  friend bool operator==(const Scheduling&, const Scheduling&) = default;
};

}  // namespace tc::metadata
