#include "linux/cgroup/text.hpp"

#include <charconv>
#include <limits>

namespace tc::cgroup {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const auto nl = text.find('\n');
    if (nl == std::string_view::npos) {
      lines.push_back(text);
      break;
    }
    lines.push_back(text.substr(0, nl));
    text.remove_prefix(nl + 1);
  }
  return lines;
}

std::vector<std::string_view> split(std::string_view text, char sep) {
  std::vector<std::string_view> out;
  if (text.empty()) return out;
  for (;;) {
    const auto pos = text.find(sep);
    out.push_back(text.substr(0, pos));
    if (pos == std::string_view::npos) break;
    text.remove_prefix(pos + 1);
  }
  return out;
}

std::vector<std::string_view> split_fields(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    const std::size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
    if (i > start) out.push_back(text.substr(start, i - start));
  }
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  return text;
}

Result<std::uint64_t> parse_u64(std::string_view text, std::string_view what) {
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc{} || ptr != end)
    return make_error(Phase::cgroup, std::string(what) + ": '" + std::string(text) +
                                         "' is not an unsigned number");
  return value;
}

Result<std::uint64_t> parse_u64_or_max(std::string_view text, std::string_view what) {
  if (text == "max") return std::numeric_limits<std::uint64_t>::max();
  return parse_u64(text, what);
}

Result<KeyedValues> parse_keyed(std::string_view text, std::string_view what) {
  KeyedValues values;
  std::size_t number = 0;
  for (std::string_view line : split_lines(text)) {
    ++number;
    if (trim(line).empty()) continue;
    const auto fields = split_fields(line);
    const std::string where = std::string(what) + " line " + std::to_string(number);
    if (fields.size() != 2) return make_error(Phase::cgroup, where + ": expected 'key value'");
    auto value = parse_u64(fields[1], where);
    if (!value) return std::unexpected(value.error());
    values.insert_or_assign(std::string(fields[0]), *value);
  }
  return values;
}

}  // namespace tc::cgroup
