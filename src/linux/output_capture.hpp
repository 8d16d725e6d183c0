// tinycontainer — bounded capture of one output stream (stdout or stderr of a workload).
//
// Contract: at most `limit` bytes are kept (capture mode) or forwarded (stream mode);
// every byte offered is counted in total_bytes. When more than `limit` bytes arrive, the
// excess is dropped, `truncated` is set and exceeded() turns true (the launcher then ends
// the run with status output_limit). Memory use is bounded by `limit` whatever the
// workload writes. In stream mode, kept bytes are written to `forward_fd` immediately and
// not stored.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/outcome.hpp"

namespace tc::sandbox {

class OutputCapture {
 public:
  OutputCapture(std::uint64_t limit, int forward_fd) noexcept
      : limit_(limit), forward_fd_(forward_fd) {}

  // Accounts for `chunk`; keeps or forwards what fits under the limit.
  void append(std::string_view chunk);

  [[nodiscard]] bool exceeded() const noexcept { return stream_.truncated; }
  [[nodiscard]] const CapturedStream& stream() const noexcept { return stream_; }
  [[nodiscard]] CapturedStream take() noexcept { return std::move(stream_); }

 private:
  std::uint64_t limit_;
  int forward_fd_;  // < 0: capture into stream_.data
  std::uint64_t kept_ = 0;
  CapturedStream stream_;
};

}  // namespace tc::sandbox
