// tinycontainer — character rules for metadata strings (uids, service names, URIs, text).
//
// Contract: pure predicates, no allocation. is_uid: 1..64 chars of [a-z0-9._-], the
// first a letter or digit. is_service_name: same alphabet, 1..64. is_uri: 1..256 printable
// ASCII characters without spaces containing "://". is_text: valid UTF-8 (RFC 3629: no
// overlongs, no surrogates, ≤ U+10FFFF) without control characters, within max_bytes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tc::metadata {

[[nodiscard]] bool is_uid(std::string_view s) noexcept;
[[nodiscard]] bool is_service_name(std::string_view s) noexcept;
[[nodiscard]] bool is_uri(std::string_view s) noexcept;
[[nodiscard]] bool is_text(std::string_view s, std::size_t max_bytes) noexcept;
[[nodiscard]] bool is_valid_utf8(std::string_view s) noexcept;

// `s` in double quotes, safe to put in an error message or a log line: printable ASCII
// is kept (with \" and \\ escaped), every other byte becomes \xNN, and input longer than
// max_bytes is cut with "...". Untrusted names never reach a terminal raw.
[[nodiscard]] std::string quote_untrusted(std::string_view s, std::size_t max_bytes = 64);

}  // namespace tc::metadata
