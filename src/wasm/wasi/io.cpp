#include "wasm/wasi/io.hpp"

#include <algorithm>
#include <cstring>

namespace tc::wasi {

bool BoundedSink::write(std::span<const std::uint8_t> bytes) noexcept {
  total_ += bytes.size();
  const std::uint64_t room = limit_ > data_.size() ? limit_ - data_.size() : 0;
  const std::size_t keep = static_cast<std::size_t>(std::min<std::uint64_t>(room, bytes.size()));
  data_.append(reinterpret_cast<const char*>(bytes.data()), keep);
  if (keep < bytes.size()) truncated_ = true;
  return !truncated_;
}

long BufferSource::read(std::span<std::uint8_t> buf) noexcept {
  const std::size_t n = std::min(buf.size(), data_.size() - pos_);
  if (n > 0) std::memcpy(buf.data(), data_.data() + pos_, n);
  pos_ += n;
  return static_cast<long>(n);
}

}  // namespace tc::wasi
