// tinycontainer ml — the wire format of an `ml` endpoint call (docs/ML.md "Request format").
//
//   call(handle, req, 16, resp, resp_cap)
//   request  = 4 little-endian u32: model_offset, model_len, input_offset, input_len
//              (offsets into the caller's own linear memory)
//   response = the output tensor (little-endian elements, output_bytes of the model)
//   returns  output bytes (>= 0) or an abi code:
//     kInvalid  request not 16 bytes, model rejected by validation, input_len differs
//               from the model's input size
//     kBadMemory a (offset, len) range outside the caller's memory
//     kTooBig   model larger than Limits::max_model_bytes, or resp_cap < output bytes
//
// Contract: parse_request() only decodes; range checks happen against the guest memory in
// the service (ml_service.cpp), with overflow-safe arithmetic.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <span>

namespace tc::ml {

struct Request {
  std::uint32_t model_offset = 0, model_len = 0, input_offset = 0, input_len = 0;
};
inline constexpr std::size_t kRequestBytes = 16;

[[nodiscard]] inline std::optional<Request> parse_request(std::span<const std::uint8_t> b) noexcept {
  if (b.size() != kRequestBytes) return std::nullopt;
  auto u32 = [&](std::size_t i) {
    return static_cast<std::uint32_t>(b[i]) | static_cast<std::uint32_t>(b[i + 1]) << 8 |
           static_cast<std::uint32_t>(b[i + 2]) << 16 | static_cast<std::uint32_t>(b[i + 3]) << 24;
  };
  return Request{u32(0), u32(4), u32(8), u32(12)};
}

// The slice [offset, offset + len) of `mem`, or nullopt when it is not inside.
template <class T>
[[nodiscard]] std::optional<std::span<T>> slice(std::span<T> mem, std::uint32_t offset, std::uint32_t len) noexcept {
  if (offset > mem.size() || len > mem.size() - offset) return std::nullopt;
  return mem.subspan(offset, len);
}

}  // namespace tc::ml
