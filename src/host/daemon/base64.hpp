// tinycontainer host daemon — base64 (RFC 4648 §4, padded) for the bytes that travel in
// JSON control requests (metadata, code, data). Implemented with libsodium's
// sodium_bin2base64 / sodium_base642bin (no hand-written codec).
//
// Contract: decode_base64 accepts exactly the padded standard alphabet (no whitespace,
// no URL-safe alphabet) and returns Phase::usage naming `what` on anything else.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace tc::hostd {

[[nodiscard]] std::string encode_base64(std::span<const std::uint8_t> bytes);
[[nodiscard]] Result<std::vector<std::uint8_t>> decode_base64(std::string_view text,
                                                              std::string_view what);

}  // namespace tc::hostd
