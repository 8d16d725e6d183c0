// tinycontainer executor — a counting semaphore bounding concurrent sandboxes.
//
// Contract: Slot is RAII: constructing it waits until fewer than `max` slots are held.
#pragma once

#include <condition_variable>
#include <mutex>

namespace tc::exec {

class Slots {
 public:
  explicit Slots(unsigned max) : free_(max == 0 ? 1 : max) {}
  class Slot {
   public:
    explicit Slot(Slots& s) : s_(s) {
      std::unique_lock lock(s_.mutex_);
      s_.cv_.wait(lock, [&] { return s_.free_ > 0; });
      --s_.free_;
    }
    ~Slot() {
      {
        std::lock_guard lock(s_.mutex_);
        ++s_.free_;
      }
      s_.cv_.notify_one();
    }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;

   private:
    Slots& s_;
  };

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  unsigned free_;
};

}  // namespace tc::exec
