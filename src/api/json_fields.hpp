// tinycontainer api — typed access to request JSON with precise, field-naming errors.
//
// Contract: every function either returns the value or an Error (Phase::usage) whose
// message names the full field path ("files[2].content: expected a string, got number").
// Absent optional fields yield std::nullopt; JSON null counts as absent only where the
// function says so. Nothing throws.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace tc::api {

using nlohmann::json;

// Parses a request body; the error quotes the parser's position ("body: invalid JSON ...").
[[nodiscard]] Result<json> parse_body(std::string_view body);

// "files[2].content"
[[nodiscard]] std::string field_path(std::string_view parent, std::string_view key);
[[nodiscard]] std::string index_path(std::string_view parent, std::size_t index);

[[nodiscard]] std::unexpected<Error> field_error(std::string_view path, std::string_view what);
[[nodiscard]] std::string_view type_name(const json& v);

// The value must be an object; fields not in `allowed` are an error naming the first one.
[[nodiscard]] Result<void> require_object(const json& v, std::string_view path,
                                          const std::vector<std::string_view>& allowed);
[[nodiscard]] Result<void> require_object(const json& v, std::string_view path);

[[nodiscard]] Result<std::optional<std::string>> opt_string(const json& obj, std::string_view key,
                                                            std::string_view parent);
[[nodiscard]] Result<std::string> req_string(const json& obj, std::string_view key,
                                             std::string_view parent);
[[nodiscard]] Result<std::optional<bool>> opt_bool(const json& obj, std::string_view key,
                                                   std::string_view parent);
// A finite number ≥ 0 (null = absent when null_is_absent).
[[nodiscard]] Result<std::optional<double>> opt_number(const json& obj, std::string_view key,
                                                       std::string_view parent);
// Seconds: a number ≥ 0 or a duration string ("2s", "250ms").
[[nodiscard]] Result<std::optional<double>> opt_seconds(const json& obj, std::string_view key,
                                                        std::string_view parent);
// Bytes/counts: a non-negative integer or, when sizes is true, a size string ("64MiB").
[[nodiscard]] Result<std::optional<std::uint64_t>> opt_uint(const json& obj, std::string_view key,
                                                            std::string_view parent, bool sizes);
// An array of strings, at most max_items long.
[[nodiscard]] Result<std::vector<std::string>> opt_string_array(const json& obj,
                                                                std::string_view key,
                                                                std::string_view parent,
                                                                std::size_t max_items);

}  // namespace tc::api
