#include "linux/caps/capability_names.hpp"

#include <sys/capability.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>

namespace tc::caps {

Result<int> parse_capability(std::string_view text) {
  if (text.empty()) return make_error(Phase::usage, "empty capability name");
  std::string lower;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (!std::isalnum(u) && c != '_')
      return make_error(Phase::usage, "invalid capability name '" + std::string(text) + "'");
    lower.push_back(static_cast<char>(std::tolower(u)));
  }
  if (!lower.starts_with("cap_")) lower = "cap_" + lower;
  cap_value_t value = 0;
  if (cap_from_name(lower.c_str(), &value) != 0 || value < 0)
    return make_error(Phase::usage, "unknown capability '" + std::string(text) + "'");
  return static_cast<int>(value);
}

std::string capability_name(int cap) {
  std::unique_ptr<char, decltype(&cap_free)> name(nullptr, &cap_free);
  name.reset(cap_to_name(static_cast<cap_value_t>(cap)));
  std::string out = name ? name.get() : "cap_" + std::to_string(cap);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

Result<int> parse_cap_add(std::string_view text) {
  auto cap = parse_capability(text);
  if (!cap) return cap;
  const std::string name = capability_name(*cap);
  if (std::find(kCapAddAllowList.begin(), kCapAddAllowList.end(), name) != kCapAddAllowList.end())
    return cap;
  std::string allowed;
  for (auto a : kCapAddAllowList) allowed += (allowed.empty() ? "" : ", ") + std::string(a);
  return make_error(Phase::usage,
                    "--cap-add " + name + " is not allowed (allowed: " + allowed + ")");
}

}  // namespace tc::caps
