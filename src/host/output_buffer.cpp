#include "host/output_buffer.hpp"

namespace tc::host {

OutputBuffer::OutputBuffer(std::size_t capacity) : capacity_(capacity) {}

void OutputBuffer::write(int stream, std::span<const std::uint8_t> bytes) noexcept {
  std::lock_guard lock(mu_);
  CapturedOutput& c = stream == 2 ? err_ : out_;
  c.total += bytes.size();
  try {
    if (bytes.size() >= capacity_) {
      c.dropped += c.data.size() + bytes.size() - capacity_;
      c.data.assign(reinterpret_cast<const char*>(bytes.data() + bytes.size() - capacity_), capacity_);
      return;
    }
    c.data.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    if (c.data.size() > capacity_) {
      const std::size_t excess = c.data.size() - capacity_;
      c.data.erase(0, excess);
      c.dropped += excess;
    }
  } catch (...) {
    c.dropped += bytes.size();  // allocation failure: count the bytes as dropped
  }
}

ContainerOutput OutputBuffer::snapshot() const {
  std::lock_guard lock(mu_);
  return {out_, err_};
}

void OutputBuffer::clear() noexcept {
  std::lock_guard lock(mu_);
  out_ = {};
  err_ = {};
}

}  // namespace tc::host
