#include "services/actuator_service.hpp"

#include <mutex>

#include "services/wire.h"

namespace tc::services {

struct ActuatorService::State {
  ActuatorKind kind;
  std::uint8_t max_value;
  mutable std::mutex mu;
  std::vector<ActuatorChannel> channels;
};

namespace {

class ActuatorSession final : public host::Session {
 public:
  ActuatorSession(std::shared_ptr<ActuatorService::State> s, std::uint32_t channel,
                  std::string uid)
      : state_(std::move(s)), channel_(channel), uid_(std::move(uid)) {}

  std::int32_t write(std::span<std::uint8_t>, std::span<const std::uint8_t> in) override {
    if (in.size() != TC_ACTUATOR_RECORD_SIZE || in[0] > state_->max_value)
      return host::abi::kInvalid;
    const std::lock_guard lock(state_->mu);
    auto& c = state_->channels[channel_];
    c.value = in[0];
    ++c.writes;
    if (c.last_writer != uid_) c.last_writer = uid_;
    return TC_ACTUATOR_RECORD_SIZE;
  }

  std::int32_t read(std::span<std::uint8_t>, std::span<std::uint8_t> out) override {
    if (out.size() < TC_ACTUATOR_RECORD_SIZE) return host::abi::kTooBig;
    const std::lock_guard lock(state_->mu);
    out[0] = state_->channels[channel_].value;
    return TC_ACTUATOR_RECORD_SIZE;
  }

 private:
  std::shared_ptr<ActuatorService::State> state_;
  std::uint32_t channel_;
  std::string uid_;
};

}  // namespace

ActuatorService::ActuatorService(ActuatorKind kind) : state_(std::make_shared<State>()) {
  state_->kind = kind;
  const bool led = kind == ActuatorKind::led;
  state_->max_value = led ? 255 : 1;
  state_->channels.resize(led ? TC_LED_COUNT : TC_GPIO_PINS);
  for (std::uint32_t i = 0; i < state_->channels.size(); ++i) state_->channels[i].channel = i;
}

ActuatorService::~ActuatorService() = default;

std::string_view ActuatorService::name() const noexcept {
  return state_->kind == ActuatorKind::led ? TC_SERVICE_LED : TC_SERVICE_GPIO;
}

std::uint32_t ActuatorService::channels() const noexcept {
  return static_cast<std::uint32_t>(state_->channels.size());
}

host::OpenResult ActuatorService::open(const host::OpenRequest& request) {
  if (request.grant.peer_endpoint >= channels()) return {nullptr, host::abi::kInvalid};
  return {std::make_unique<ActuatorSession>(state_, request.grant.peer_endpoint,
                                            std::string(request.container_uid)),
          host::abi::kOk};
}

std::optional<std::uint8_t> ActuatorService::value(std::uint32_t channel) const {
  const std::lock_guard lock(state_->mu);
  if (channel >= state_->channels.size()) return std::nullopt;
  return state_->channels[channel].value;
}

std::vector<ActuatorChannel> ActuatorService::snapshot() const {
  const std::lock_guard lock(state_->mu);
  return state_->channels;
}

}  // namespace tc::services
