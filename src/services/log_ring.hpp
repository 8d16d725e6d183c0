// tinycontainer services — a bounded ring of recent log lines per container, for a
// daemon's status/`logs` view (the log service's sink appends; control planes read).
//
// Contract: thread-safe (append from the scheduler thread, reads from control threads).
// Keeps the last `lines_per_container` lines of each uid (oldest dropped first) and counts
// every line ever appended. Memory: ≤ lines_per_container × (max line + overhead) per
// container that logged; forget(uid) (on container removal) frees it.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace tc::services {

class LogRing {
 public:
  explicit LogRing(std::size_t lines_per_container = 256) : capacity_(lines_per_container) {}

  void append(std::string_view uid, std::string_view line);
  // The kept lines of `uid`, oldest first (empty for an unknown uid).
  [[nodiscard]] std::vector<std::string> lines(std::string_view uid) const;
  // Lines ever appended for `uid` (kept or dropped).
  [[nodiscard]] std::uint64_t total(std::string_view uid) const;
  void forget(std::string_view uid);

 private:
  struct Ring {
    std::deque<std::string> lines;
    std::uint64_t total = 0;
  };
  std::size_t capacity_;
  mutable std::mutex mu_;
  std::map<std::string, Ring, std::less<>> rings_;
};

}  // namespace tc::services
