// tinycontainer services — the kv request codec (wire.h "kv").
//
// Contract:
//  * parse_kv_request(bytes) accepts exactly the layout of wire.h: 8-byte header, key,
//    value, nothing more. Returned views point into `bytes` (valid while it is). Any
//    deviation (short/long request, unknown op, non-zero flags, key_len 0 for get/put/
//    delete, key_len > TC_KV_MAX_KEY, value on get/delete, value > TC_KV_MAX_VALUE,
//    cursor > TC_KV_MAX_KEY) → abi::kInvalid. noexcept, no allocation.
//  * encode_kv_request() builds a request (tests, benchmarks, host-side tools).
//  * KvListWriter lays out a LIST response: it appends keys while they fit and sets the
//    MORE flag when one did not.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <variant>
#include <vector>

#include "host/guest_abi.hpp"

namespace tc::services {

enum class KvOp : std::uint8_t { get = 1, put = 2, erase = 3, list = 4 };

struct KvRequest {
  KvOp op = KvOp::get;
  std::string_view key;    // list: the prefix
  std::string_view value;  // put: the value; list: the cursor ("" = from the start)
};

// Either a request or an abi code (< 0).
[[nodiscard]] std::variant<KvRequest, std::int32_t> parse_kv_request(
    std::span<const std::uint8_t> bytes) noexcept;

[[nodiscard]] std::vector<std::uint8_t> encode_kv_request(KvOp op, std::string_view key,
                                                          std::string_view value = {});

class KvListWriter {
 public:
  // `out` must hold at least TC_KV_LIST_HEADER_SIZE bytes (the caller checks).
  explicit KvListWriter(std::span<std::uint8_t> out) noexcept;
  // Appends a key; false (and MORE set) when it does not fit.
  bool add(std::string_view key) noexcept;
  void set_more() noexcept { more_ = true; }
  // Writes the header; returns the response length.
  std::int32_t finish() noexcept;

 private:
  std::span<std::uint8_t> out_;
  std::size_t used_;
  std::uint16_t count_ = 0;
  bool more_ = false;
};

}  // namespace tc::services
