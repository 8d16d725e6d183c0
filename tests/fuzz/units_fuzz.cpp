// Fuzz target: the CLI's human-unit parsers (common/units.hpp) — parse_size, parse_duration
// and parse_plain_decimal (--memory, --wall-time, --cpus, ...). Any input is accepted or
// refused with a usage error that quotes it — never a crash, a hang or a wrong value:
// an accepted plain decimal must equal strtod's reading of the same text to within two
// units in the last place, an accepted size or duration must come from digits and at most
// one dot followed by a known unit, and whole numbers of bytes or seconds must be exact.
#include <cerrno>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "common/units.hpp"

namespace {

[[noreturn]] void fail() { std::abort(); }

bool plain_number(std::string_view s) {  // digits with at most one dot, at least one digit
  int dots = 0;
  int digits = 0;
  for (char c : s) {
    if (c == '.') ++dots;
    else if (c >= '0' && c <= '9') ++digits;
    else return false;
  }
  return dots <= 1 && digits >= 1;
}

std::string_view number_part(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.')) ++i;
  return s.substr(0, i);
}

void check_refusal(const tc::Error& e, std::string_view text) {
  if (e.phase != tc::Phase::usage || e.message.empty()) fail();
  if (!text.empty() && text.find('\0') == std::string_view::npos &&
      e.message.find(std::string(text)) == std::string::npos)
    fail();  // the message quotes the input
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 8192) return 0;  // long enough for fractions whose digit weight underflows
  const std::string text(reinterpret_cast<const char*>(data), size);

  auto d = tc::parse_plain_decimal(text);
  if (d) {
    if (!plain_number(text) || !(*d >= 0)) fail();
    const double want = std::strtod(text.c_str(), nullptr);
    if (std::isfinite(want) && want > 0 &&
        std::fabs(*d - want) > 2 * (std::nextafter(want, INFINITY) - want))
      fail();
  } else {
    if (plain_number(text)) fail();  // every plain number is accepted
    check_refusal(d.error(), text);
  }

  auto s = tc::parse_size(text);
  if (s) {
    if (!plain_number(number_part(text))) fail();
    if (text.find_first_not_of("0123456789") == std::string::npos) {
      errno = 0;
      const unsigned long long whole = std::strtoull(text.c_str(), nullptr, 10);
      if (errno == 0 && whole < (1ULL << 53) && *s != whole) fail();
    }
  } else {
    check_refusal(s.error(), text);
  }

  auto t = tc::parse_duration(text);
  if (t) {
    if (!plain_number(number_part(text)) || t->count() < 0) fail();
  } else {
    check_refusal(t.error(), text);
  }
  return 0;
}
