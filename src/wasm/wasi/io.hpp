// tinycontainer WASI — where the guest's standard streams go.
//
// Contract: the guest's stdout/stderr are written to caller-provided OutputSinks and
// its stdin is read from an InputSource; the WASI layer never touches the host's own
// standard streams unless the caller hands it sinks that do. BoundedSink keeps at most
// `limit` bytes, counts every byte the guest wrote and says when it dropped some.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace tc::wasi {

class OutputSink {
 public:
  virtual ~OutputSink() = default;
  // Accepts the bytes; returns false once the sink's budget is exceeded (the bytes that
  // fit were kept).
  virtual bool write(std::span<const std::uint8_t> bytes) noexcept = 0;
};

class InputSource {
 public:
  virtual ~InputSource() = default;
  // Reads up to buf.size() bytes; returns the count (0 = end of input) or -1 on error.
  virtual long read(std::span<std::uint8_t> buf) noexcept = 0;
};

class BoundedSink final : public OutputSink {
 public:
  explicit BoundedSink(std::uint64_t limit) : limit_(limit) {}
  bool write(std::span<const std::uint8_t> bytes) noexcept override;

  [[nodiscard]] const std::string& data() const noexcept { return data_; }
  [[nodiscard]] std::uint64_t total_bytes() const noexcept { return total_; }
  [[nodiscard]] bool truncated() const noexcept { return truncated_; }
  std::string take() noexcept { return std::move(data_); }

 private:
  std::uint64_t limit_;
  std::uint64_t total_ = 0;
  bool truncated_ = false;
  std::string data_;
};

class BufferSource final : public InputSource {
 public:
  explicit BufferSource(std::string data) : data_(std::move(data)) {}
  long read(std::span<std::uint8_t> buf) noexcept override;

 private:
  std::string data_;
  std::size_t pos_ = 0;
};

}  // namespace tc::wasi
