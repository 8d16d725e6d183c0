// tinycontainer services — simulated sensors `sensor.temperature` and
// `sensor.accelerometer` (wire.h records; signals in sensor_signal.hpp).
//
// Contract:
//  * read(out) returns one record: TC_TEMPERATURE_RECORD_SIZE / TC_ACCEL_RECORD_SIZE
//    bytes (out shorter → abi::kTooBig, nothing consumed). The record's sample index is
//    per container (all its sessions share one counter, starting at 0), so the n-th read
//    of a container returns sample n: deterministic for a given seed and uid, independent
//    of timing and of other containers. write/call → abi::kUnsupported.
//  * on_container_removed(uid) resets the container's counter.
//  * samples_read(uid) (thread-safe) is the container's next sample index.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "host/service.hpp"

namespace tc::services {

enum class SensorKind : std::uint8_t { temperature, accelerometer };

class SensorService final : public host::Service {
 public:
  SensorService(SensorKind kind, std::uint64_t seed);
  ~SensorService() override;
  [[nodiscard]] std::string_view name() const noexcept override;
  host::OpenResult open(const host::OpenRequest& request) override;
  void on_container_removed(std::string_view container_uid) override;
  [[nodiscard]] std::uint64_t samples_read(std::string_view container_uid) const;

  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace tc::services
