// tinycontainer — strict typed field access on nlohmann::json objects, shared by the
// metadata and reconfiguration JSON codecs.
//
// Contract: every function returns a Phase::config Error whose message starts with the
// full field path ("endpoints[2].direction: ..."). Unknown fields, wrong JSON types,
// negative or fractional numbers and out-of-range values are errors; nothing is coerced.
// Durations are a tc::parse_duration string ("10ms", "1.5s", whole microseconds only) or
// an unsigned integer in microseconds. Sizes are a tc::parse_size string ("64KiB") or an
// unsigned integer in bytes.
#pragma once

#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "common/error.hpp"
#include "metadata/digest.hpp"
#include "metadata/text_rules.hpp"
#include "metadata/validate.hpp"

namespace tc::metadata::json_fields {

using nlohmann::json;

[[nodiscard]] std::string child(std::string_view path, std::string_view key);
[[nodiscard]] std::string index(std::string_view path, std::size_t i);

inline constexpr std::size_t kMaxJsonDepth = 16;  // the schema needs 3

// Parses text strictly: syntax errors carry the byte offset; duplicate object keys are
// errors; input over max_bytes is refused before parsing; nesting deeper than
// kMaxJsonDepth stops the parser at once (bounded time and memory).
[[nodiscard]] Result<json> parse_document(std::string_view text, std::size_t max_bytes);

[[nodiscard]] Result<void> require_object(const json& v, std::string_view path);
[[nodiscard]] Result<void> check_known(const json& obj, std::string_view path,
                                       std::initializer_list<std::string_view> known);

// Each getter: nullopt when the key is absent, an Error when present but invalid.
[[nodiscard]] Result<std::optional<std::string>> get_string(const json& obj, std::string_view key,
                                                            std::string_view path);
[[nodiscard]] Result<std::optional<std::uint64_t>> get_uint(const json& obj, std::string_view key,
                                                            std::string_view path,
                                                            std::uint64_t max);
[[nodiscard]] Result<std::optional<std::chrono::microseconds>> get_duration(const json& obj,
                                                                            std::string_view key,
                                                                            std::string_view path);
[[nodiscard]] Result<std::optional<std::uint64_t>> get_size(const json& obj, std::string_view key,
                                                            std::string_view path);
[[nodiscard]] Result<std::optional<Sha256>> get_sha256(const json& obj, std::string_view key,
                                                       std::string_view path);

// The error for a missing required field: "<path>.<key>: missing required field".
[[nodiscard]] std::unexpected<Error> missing(std::string_view path, std::string_view key);
[[nodiscard]] std::unexpected<Error> wrong_type(const json& v, std::string_view path,
                                                std::string_view expected);

// An enum by name: `parse` maps a name to a value, `names` is "a|b|c" for the error.
template <class E>
Result<std::optional<E>> get_enum(const json& obj, std::string_view key, std::string_view path,
                                  std::optional<E> (*parse)(std::string_view) noexcept,
                                  std::string_view names) {
  auto s = get_string(obj, key, path);
  if (!s) return std::unexpected(s.error());
  if (!*s) return std::optional<E>{};
  auto v = parse(**s);
  if (!v)
    return field_error(child(path, key),
                       "expected one of " + std::string(names) + ", got " + quote_untrusted(**s));
  return std::optional<E>{*v};
}

// Inverse of get_duration's string form: "10ms", "1s", "250us" (largest exact unit).
[[nodiscard]] std::string format_duration(std::chrono::microseconds d);

}  // namespace tc::metadata::json_fields
