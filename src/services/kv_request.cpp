#include "services/kv_request.hpp"

#include <cstring>

#include "services/le_bytes.hpp"
#include "services/wire.h"

namespace tc::services {

std::variant<KvRequest, std::int32_t> parse_kv_request(
    std::span<const std::uint8_t> bytes) noexcept {
  if (bytes.size() < TC_KV_HEADER_SIZE) return host::abi::kInvalid;
  const std::uint8_t op = bytes[0];
  const std::uint8_t flags = bytes[1];
  const std::size_t key_len = load_le<std::uint16_t>(bytes, 2);
  const std::size_t value_len = load_le<std::uint32_t>(bytes, 4);
  if (flags != 0 || op < TC_KV_GET || op > TC_KV_LIST) return host::abi::kInvalid;
  if (key_len > TC_KV_MAX_KEY || value_len > TC_KV_MAX_VALUE) return host::abi::kInvalid;
  if (bytes.size() != TC_KV_HEADER_SIZE + key_len + value_len) return host::abi::kInvalid;
  const auto kop = static_cast<KvOp>(op);
  if (kop != KvOp::list && key_len == 0) return host::abi::kInvalid;
  if ((kop == KvOp::get || kop == KvOp::erase) && value_len != 0) return host::abi::kInvalid;
  if (kop == KvOp::list && value_len > TC_KV_MAX_KEY) return host::abi::kInvalid;
  const char* base = reinterpret_cast<const char*>(bytes.data()) + TC_KV_HEADER_SIZE;
  return KvRequest{kop, std::string_view(base, key_len), std::string_view(base + key_len, value_len)};
}

std::vector<std::uint8_t> encode_kv_request(KvOp op, std::string_view key,
                                            std::string_view value) {
  std::vector<std::uint8_t> r(TC_KV_HEADER_SIZE + key.size() + value.size());
  r[0] = static_cast<std::uint8_t>(op);
  store_le<std::uint16_t>(r, 2, static_cast<std::uint16_t>(key.size()));
  store_le<std::uint32_t>(r, 4, static_cast<std::uint32_t>(value.size()));
  if (!key.empty()) std::memcpy(r.data() + TC_KV_HEADER_SIZE, key.data(), key.size());
  if (!value.empty())
    std::memcpy(r.data() + TC_KV_HEADER_SIZE + key.size(), value.data(), value.size());
  return r;
}

KvListWriter::KvListWriter(std::span<std::uint8_t> out) noexcept
    : out_(out), used_(TC_KV_LIST_HEADER_SIZE) {}

bool KvListWriter::add(std::string_view key) noexcept {
  if (more_ || count_ == UINT16_MAX || used_ + 2 + key.size() > out_.size()) {
    more_ = true;
    return false;
  }
  store_le<std::uint16_t>(out_, used_, static_cast<std::uint16_t>(key.size()));
  if (!key.empty()) std::memcpy(out_.data() + used_ + 2, key.data(), key.size());
  used_ += 2 + key.size();
  ++count_;
  return true;
}

std::int32_t KvListWriter::finish() noexcept {
  store_le<std::uint16_t>(out_, 0, count_);
  store_le<std::uint16_t>(out_, 2, more_ ? TC_KV_LIST_MORE : 0);
  return static_cast<std::int32_t>(used_);
}

}  // namespace tc::services
