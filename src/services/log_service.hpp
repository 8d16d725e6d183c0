// tinycontainer services — `log`: one write = one log line from a container.
//
// Contract (wire.h "log"):
//  * write(bytes) sanitises the bytes (log_line.hpp, max_line bytes), takes one token from
//    the container's bucket (token_bucket.hpp; all sessions of one container share it) and
//    hands (uid, line) to the sink. Returns the bytes consumed (bytes.size()).
//    Bucket empty → abi::kRateLimited, the line is dropped and counted.
//  * read/call → abi::kUnsupported. open() needs no particular grant content.
//  * The sink is called on the caller's (scheduler) thread, synchronously: it must be fast
//    and must not call back into the host. A null sink discards lines (still counted).
//  * stats(uid) is thread-safe (the daemon's status reads it from another thread).
//  * on_container_removed(uid) forgets the container's bucket and counters.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "host/service.hpp"
#include "services/clock_source.hpp"
#include "services/token_bucket.hpp"

namespace tc::services {

using LogSink = std::function<void(std::string_view uid, std::string_view line)>;

struct LogConfig {
  RateLimit rate;                    // per container: 20 lines/s, burst 40
  std::size_t max_line = 512;        // bytes after escaping (wire.h TC_LOG_MAX_LINE)
  LogSink sink;                      // null: discard
  std::shared_ptr<ClockSource> clock;  // null: system clock
};

struct LogStats {
  std::uint64_t lines = 0;    // delivered to the sink
  std::uint64_t dropped = 0;  // refused by the rate limit
};

class LogService final : public host::Service {
 public:
  explicit LogService(LogConfig config);
  ~LogService() override;
  [[nodiscard]] std::string_view name() const noexcept override { return "log"; }
  host::OpenResult open(const host::OpenRequest& request) override;
  void on_container_removed(std::string_view container_uid) override;
  [[nodiscard]] LogStats stats(std::string_view container_uid) const;

  struct State;  // shared with the sessions (outlives the service if a session does)

 private:
  std::shared_ptr<State> state_;
};

}  // namespace tc::services
