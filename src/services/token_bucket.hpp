// tinycontainer services — a token bucket rate limiter (one per container and service).
//
// Contract: starts full (`burst` tokens); refills at `rate_per_s` tokens per second up to
// `burst`, computed from the monotonic time passed to take() (no timers, no threads).
// take() consumes one token and returns true, or returns false when the bucket is empty.
// rate 0 = no refill; burst 0 = every take() fails. Integer arithmetic in micro-tokens:
// exact, no drift, noexcept.
#pragma once

#include <algorithm>
#include <cstdint>

namespace tc::services {

struct RateLimit {
  std::uint32_t rate_per_s = 20;
  std::uint32_t burst = 40;
};

class TokenBucket {
 public:
  TokenBucket(RateLimit limit, std::uint64_t now_us) noexcept
      : limit_(limit), micro_tokens_(std::uint64_t{limit.burst} * kScale), last_us_(now_us) {}

  [[nodiscard]] bool take(std::uint64_t now_us) noexcept {
    refill(now_us);
    if (micro_tokens_ < kScale) return false;
    micro_tokens_ -= kScale;
    return true;
  }

 private:
  static constexpr std::uint64_t kScale = 1'000'000;  // micro-tokens per token

  void refill(std::uint64_t now_us) noexcept {
    if (now_us <= last_us_) return;
    const std::uint64_t cap = std::uint64_t{limit_.burst} * kScale;
    const std::uint64_t elapsed = std::min<std::uint64_t>(now_us - last_us_, 3'600'000'000ULL);
    micro_tokens_ = std::min(cap, micro_tokens_ + elapsed * limit_.rate_per_s);
    last_us_ = now_us;
  }

  RateLimit limit_;
  std::uint64_t micro_tokens_;
  std::uint64_t last_us_;
};

}  // namespace tc::services
