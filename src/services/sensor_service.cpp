#include "services/sensor_service.hpp"

#include <map>
#include <mutex>
#include <string>

#include "services/le_bytes.hpp"
#include "services/sensor_signal.hpp"
#include "services/wire.h"

namespace tc::services {

namespace {
struct Counter {
  std::uint64_t next = 0;
};
}  // namespace

struct SensorService::State {
  SensorKind kind;
  std::uint64_t seed;
  mutable std::mutex mu;
  std::map<std::string, std::shared_ptr<Counter>, std::less<>> counters;
};

namespace {

class SensorSession final : public host::Session {
 public:
  SensorSession(std::shared_ptr<SensorService::State> s, std::shared_ptr<Counter> c,
                std::string uid)
      : state_(std::move(s)), counter_(std::move(c)), uid_(std::move(uid)) {}

  std::int32_t read(std::span<std::uint8_t>, std::span<std::uint8_t> out) override {
    const bool temp = state_->kind == SensorKind::temperature;
    const std::size_t size = temp ? TC_TEMPERATURE_RECORD_SIZE : TC_ACCEL_RECORD_SIZE;
    if (out.size() < size) return host::abi::kTooBig;
    std::uint64_t sample = 0;
    {
      const std::lock_guard lock(state_->mu);
      sample = counter_->next++;
    }
    store_le<std::uint64_t>(out, 0, sample);
    if (temp) {
      store_le<std::int32_t>(out, 8, temperature_mc(state_->seed, uid_, sample));
      store_le<std::uint32_t>(out, 12, 0);
    } else {
      const auto a = acceleration_mg(state_->seed, uid_, sample);
      for (std::size_t i = 0; i < 3; ++i) store_le<std::int32_t>(out, 8 + 4 * i, a[i]);
      store_le<std::uint32_t>(out, 20, 0);
    }
    return static_cast<std::int32_t>(size);
  }

 private:
  std::shared_ptr<SensorService::State> state_;
  std::shared_ptr<Counter> counter_;
  std::string uid_;
};

}  // namespace

SensorService::SensorService(SensorKind kind, std::uint64_t seed)
    : state_(std::make_shared<State>()) {
  state_->kind = kind;
  state_->seed = seed;
}

SensorService::~SensorService() = default;

std::string_view SensorService::name() const noexcept {
  return state_->kind == SensorKind::temperature ? TC_SERVICE_TEMPERATURE
                                                 : TC_SERVICE_ACCELEROMETER;
}

host::OpenResult SensorService::open(const host::OpenRequest& request) {
  std::shared_ptr<Counter> c;
  {
    const std::lock_guard lock(state_->mu);
    auto& slot = state_->counters[std::string(request.container_uid)];
    if (!slot) slot = std::make_shared<Counter>();
    c = slot;
  }
  return {std::make_unique<SensorSession>(state_, std::move(c), std::string(request.container_uid)),
          host::abi::kOk};
}

void SensorService::on_container_removed(std::string_view container_uid) {
  const std::lock_guard lock(state_->mu);
  if (auto it = state_->counters.find(container_uid); it != state_->counters.end())
    state_->counters.erase(it);
}

std::uint64_t SensorService::samples_read(std::string_view container_uid) const {
  const std::lock_guard lock(state_->mu);
  const auto it = state_->counters.find(container_uid);
  return it == state_->counters.end() ? 0 : it->second->next;
}

}  // namespace tc::services
