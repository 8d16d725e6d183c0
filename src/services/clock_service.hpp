// tinycontainer services — `clock`: read → the 16-byte record of wire.h "clock"
// (u64 monotonic µs since the host started, u64 wall-clock µs since the epoch, LE).
//
// Contract: read with fewer than TC_CLOCK_RECORD_SIZE bytes → abi::kTooBig; otherwise
// writes exactly 16 bytes and returns 16. write/call → abi::kUnsupported. Stateless apart
// from the injected ClockSource (null: the system clock).
#pragma once

#include <memory>

#include "host/service.hpp"
#include "services/clock_source.hpp"

namespace tc::services {

class ClockService final : public host::Service {
 public:
  explicit ClockService(std::shared_ptr<ClockSource> clock);
  [[nodiscard]] std::string_view name() const noexcept override { return "clock"; }
  host::OpenResult open(const host::OpenRequest& request) override;

 private:
  std::shared_ptr<ClockSource> clock_;
};

}  // namespace tc::services
