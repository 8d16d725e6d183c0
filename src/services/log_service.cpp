#include "services/log_service.hpp"

#include <map>
#include <mutex>

#include "services/log_line.hpp"

namespace tc::services {

namespace {
struct Container {
  Container(RateLimit r, std::uint64_t now) : bucket(r, now) {}
  TokenBucket bucket;
  LogStats stats;
};
}  // namespace

struct LogService::State {
  LogConfig config;
  mutable std::mutex mu;  // guards `containers` and the counters (stats() from any thread)
  std::map<std::string, std::shared_ptr<Container>, std::less<>> containers;
};

namespace {

class LogSession final : public host::Session {
 public:
  LogSession(std::shared_ptr<LogService::State> s, std::shared_ptr<Container> c, std::string uid)
      : state_(std::move(s)), container_(std::move(c)), uid_(std::move(uid)) {}

  std::int32_t write(std::span<std::uint8_t>, std::span<const std::uint8_t> in) override {
    const std::uint64_t now = state_->config.clock->monotonic_us();
    {
      const std::lock_guard lock(state_->mu);
      if (!container_->bucket.take(now)) {
        ++container_->stats.dropped;
        return host::abi::kRateLimited;
      }
      ++container_->stats.lines;
    }
    const std::string line = sanitize_log_line(in, state_->config.max_line);
    if (state_->config.sink) state_->config.sink(uid_, line);
    return static_cast<std::int32_t>(std::min<std::size_t>(in.size(), INT32_MAX));
  }

 private:
  std::shared_ptr<LogService::State> state_;
  std::shared_ptr<Container> container_;
  std::string uid_;
};

}  // namespace

LogService::LogService(LogConfig config) : state_(std::make_shared<State>()) {
  if (!config.clock) config.clock = make_system_clock();
  state_->config = std::move(config);
}

LogService::~LogService() = default;

host::OpenResult LogService::open(const host::OpenRequest& request) {
  std::shared_ptr<Container> c;
  {
    const std::lock_guard lock(state_->mu);
    auto it = state_->containers.find(request.container_uid);
    if (it == state_->containers.end())
      it = state_->containers
               .emplace(std::string(request.container_uid),
                        std::make_shared<Container>(state_->config.rate,
                                                    state_->config.clock->monotonic_us()))
               .first;
    c = it->second;
  }
  return {std::make_unique<LogSession>(state_, std::move(c), std::string(request.container_uid)),
          host::abi::kOk};
}

void LogService::on_container_removed(std::string_view container_uid) {
  const std::lock_guard lock(state_->mu);
  if (auto it = state_->containers.find(container_uid); it != state_->containers.end())
    state_->containers.erase(it);
}

LogStats LogService::stats(std::string_view container_uid) const {
  const std::lock_guard lock(state_->mu);
  const auto it = state_->containers.find(container_uid);
  return it == state_->containers.end() ? LogStats{} : it->second->stats;
}

}  // namespace tc::services
