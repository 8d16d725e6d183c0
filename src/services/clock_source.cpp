#include "services/clock_source.hpp"

#include <chrono>

namespace tc::services {
namespace {

class SystemClock final : public ClockSource {
 public:
  [[nodiscard]] std::uint64_t monotonic_us() const noexcept override {
    const auto d = std::chrono::steady_clock::now() - start_;
    return static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::microseconds>(d).count());
  }
  [[nodiscard]] std::uint64_t wall_us() const noexcept override {
    const auto d = std::chrono::system_clock::now().time_since_epoch();
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(d).count();
    return us < 0 ? 0 : static_cast<std::uint64_t>(us);
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace

std::shared_ptr<ClockSource> make_system_clock() { return std::make_shared<SystemClock>(); }

}  // namespace tc::services
