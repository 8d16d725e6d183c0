// libFuzzer target: the log line sanitiser (untrusted guest bytes → a host log line).
// Invariants: the line fits the cap; it holds no C0 control character or DEL; every byte
// ≥ 0x80 is part of a valid UTF-8 sequence (checked by re-sanitising: nothing escaped
// except backslashes, i.e. sanitise(out) == out with "\\" doubled).
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>

#include "services/log_line.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t cap = data[0] * 4u;
  const std::span<const std::uint8_t> in(data + 1, size - 1);
  const std::string out = tc::services::sanitize_log_line(in, cap);
  if (out.size() > cap) std::abort();
  std::string doubled;
  for (const char c : out) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) std::abort();
    doubled += c;
    if (c == '\\') doubled += '\\';
  }
  const std::string again = tc::services::sanitize_log_line(
      {reinterpret_cast<const std::uint8_t*>(out.data()), out.size()}, doubled.size() + 1);
  if (again != doubled) std::abort();
  return 0;
}
