// tinycontainer executor — a FIFO counting semaphore bounding concurrent sandboxes.
//
// Contract: Slot is RAII: constructing it waits until fewer than `max` slots are held,
// and waiters are admitted in arrival order (ticket t enters once t - max + 1 slots have
// been released), so no request starves behind later ones: tail latency under overload
// stays proportional to the queue length (docs/EXECUTOR.md).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace tc::exec {

class Slots {
 public:
  explicit Slots(unsigned max) : max_(max == 0 ? 1 : max) {}
  class Slot {
   public:
    explicit Slot(Slots& s) : s_(s) {
      std::unique_lock lock(s_.mutex_);
      const std::uint64_t ticket = s_.next_ticket_++;
      s_.cv_.wait(lock, [&] { return ticket < s_.released_ + s_.max_; });
    }
    ~Slot() {
      {
        std::lock_guard lock(s_.mutex_);
        ++s_.released_;
      }
      s_.cv_.notify_all();  // the next ticket in line, whichever thread holds it
    }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;

   private:
    Slots& s_;
  };

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  const std::uint64_t max_;
  std::uint64_t next_ticket_ = 0;
  std::uint64_t released_ = 0;
};

}  // namespace tc::exec
