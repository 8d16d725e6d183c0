#include "services/clock_service.hpp"

#include "services/le_bytes.hpp"
#include "services/wire.h"

namespace tc::services {
namespace {

class ClockSession final : public host::Session {
 public:
  explicit ClockSession(std::shared_ptr<ClockSource> c) : clock_(std::move(c)) {}
  std::int32_t read(std::span<std::uint8_t>, std::span<std::uint8_t> out) override {
    if (out.size() < TC_CLOCK_RECORD_SIZE) return host::abi::kTooBig;
    store_le<std::uint64_t>(out, 0, clock_->monotonic_us());
    store_le<std::uint64_t>(out, 8, clock_->wall_us());
    return TC_CLOCK_RECORD_SIZE;
  }

 private:
  std::shared_ptr<ClockSource> clock_;
};

}  // namespace

ClockService::ClockService(std::shared_ptr<ClockSource> clock)
    : clock_(clock ? std::move(clock) : make_system_clock()) {}

host::OpenResult ClockService::open(const host::OpenRequest&) {
  return {std::make_unique<ClockSession>(clock_), host::abi::kOk};
}

}  // namespace tc::services
