// tinycontainer host daemon — strict field access for JSON control requests.
//
// Contract: check_fields refuses any member of `r` not in `allowed` ("unknown field 'x'");
// the getters refuse a missing required field ("missing field 'x'") and a value of the
// wrong type ("field 'x' must be a string"), all Phase::usage. Bytes fields are base64.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace tc::hostd {

[[nodiscard]] Result<void> check_fields(const nlohmann::json& r,
                                        std::initializer_list<std::string_view> allowed);
[[nodiscard]] Result<std::string> get_string(const nlohmann::json& r, std::string_view key);
[[nodiscard]] Result<std::vector<std::uint8_t>> get_bytes(const nlohmann::json& r,
                                                          std::string_view key, bool required);
[[nodiscard]] Result<bool> get_bool(const nlohmann::json& r, std::string_view key);  // absent: false
[[nodiscard]] Result<std::optional<std::uint64_t>> get_uint(const nlohmann::json& r,
                                                            std::string_view key);

}  // namespace tc::hostd
