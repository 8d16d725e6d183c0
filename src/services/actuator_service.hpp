// tinycontainer services — simulated actuators `actuator.led` (TC_LED_COUNT LEDs,
// brightness 0..255) and `actuator.gpio` (TC_GPIO_PINS pins, level 0/1). wire.h "actuator".
//
// Contract:
//  * The channel (LED index / pin) is the grant's peer_endpoint; out of range → open()
//    fails with abi::kInvalid.
//  * write(in): exactly one byte, ≤ the kind's maximum (led 255, gpio 1); otherwise
//    abi::kInvalid and nothing changes. Returns 1.
//  * read(out): one byte, the channel's current value (initially 0); out empty →
//    abi::kTooBig. Returns 1.
//  * The state is the device's, shared by every container granted the channel (the
//    grants decide who may drive it); each write records the writer's uid.
//  * snapshot()/value() are thread-safe: the daemon's status and tests read the state
//    while the scheduler writes it. The state survives container removal (it is hardware).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "host/service.hpp"

namespace tc::services {

enum class ActuatorKind : std::uint8_t { led, gpio };

struct ActuatorChannel {
  std::uint32_t channel = 0;
  std::uint8_t value = 0;
  std::uint64_t writes = 0;
  std::string last_writer;  // uid, "" before the first write
};

class ActuatorService final : public host::Service {
 public:
  explicit ActuatorService(ActuatorKind kind);
  ~ActuatorService() override;
  [[nodiscard]] std::string_view name() const noexcept override;
  host::OpenResult open(const host::OpenRequest& request) override;

  [[nodiscard]] std::uint32_t channels() const noexcept;
  [[nodiscard]] std::optional<std::uint8_t> value(std::uint32_t channel) const;
  [[nodiscard]] std::vector<ActuatorChannel> snapshot() const;

  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace tc::services
