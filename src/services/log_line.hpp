// tinycontainer services — turning untrusted guest bytes into one printable log line.
//
// Contract (wire.h "log"): one trailing '\n' (or "\r\n") is dropped; valid UTF-8 sequences
// of printable characters are kept; C0 controls, DEL, C1 controls (U+0080..U+009F) and
// every byte of an invalid/overlong/surrogate/truncated UTF-8 sequence become "\xNN";
// '\\' becomes "\\\\". The result is at most `max_bytes` bytes: when the escaped text
// would be longer it is cut on a character boundary and ends with "...".
// Pure function: no allocation beyond the returned string, never reads out of bounds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace tc::services {

[[nodiscard]] std::string sanitize_log_line(std::span<const std::uint8_t> bytes,
                                            std::size_t max_bytes);

}  // namespace tc::services
