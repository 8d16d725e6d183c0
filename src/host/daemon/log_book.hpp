// tinycontainer host daemon — the containers' recent log lines, kept for `ctl logs`.
//
// Contract: append() is thread-safe and fast (called on the scheduler thread through the
// log service's sink: services/log_service.hpp); it keeps the last `per_container` lines
// of each uid and the logs of at most `max_containers` uids (the least recently written
// uid is forgotten first). lines() returns a copy, oldest first; an unknown uid → {}.
// When `echo` is set each line is also written to stderr as "[uid] line".
#pragma once

#include <cstddef>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "host/daemon/protocol.hpp"

namespace tc::hostd {

class LogBook final : public LogSource {
 public:
  explicit LogBook(std::size_t per_container = 256, std::size_t max_containers = 1024,
                   bool echo = false) noexcept
      : per_container_(per_container), max_containers_(max_containers), echo_(echo) {}

  void append(std::string_view uid, std::string_view line);
  [[nodiscard]] std::vector<std::string> lines(std::string_view uid) const override;

 private:
  struct Log {
    std::deque<std::string> lines;
    std::uint64_t touched = 0;
  };
  std::size_t per_container_;
  std::size_t max_containers_;
  bool echo_;
  mutable std::mutex mu_;
  std::map<std::string, Log, std::less<>> logs_;
  std::uint64_t clock_ = 0;
};

}  // namespace tc::hostd
