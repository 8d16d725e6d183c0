#include "executor/names.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace tc::exec {

namespace {
bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool is_alnum(char c) { return is_lower_alnum(c) || (c >= 'A' && c <= 'Z'); }
}  // namespace

bool valid_language_name(std::string_view name) noexcept {
  if (name.empty() || name.size() > 32) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return is_lower_alnum(c) || c == '+' || c == '.' || c == '_' || c == '-';
  });
}

bool valid_syscall_name(std::string_view name) noexcept {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return is_lower_alnum(c) || c == '_'; });
}

bool valid_env_entry(std::string_view entry) noexcept {
  auto eq = entry.find('=');
  if (eq == 0 || eq == std::string_view::npos) return false;
  if (entry.find('\0') != std::string_view::npos) return false;
  if (entry[0] >= '0' && entry[0] <= '9') return false;
  return std::all_of(entry.begin(), entry.begin() + static_cast<std::ptrdiff_t>(eq),
                     [](char c) { return is_alnum(c) || c == '_'; });
}

Result<void> check_file_name(std::string_view name) {
  auto bad = [&](std::string_view why) {
    return make_error(Phase::usage, fmt::format("file name '{}': {}", name, why));
  };
  if (name.empty()) return make_error(Phase::usage, "file name is empty");
  if (name.size() > kMaxFileNameBytes)
    return make_error(Phase::usage,
                      fmt::format("file name is longer than {} bytes", kMaxFileNameBytes));
  if (name.front() == '/') return bad("must be relative (no leading '/')");
  std::size_t depth = 0;
  std::size_t start = 0;
  while (start <= name.size()) {
    auto slash = name.find('/', start);
    auto part = name.substr(start, slash == std::string_view::npos ? name.npos : slash - start);
    if (part.empty()) return bad("empty path component ('//' or trailing '/')");
    if (part == "." || part == "..") return bad("'.' and '..' components are not allowed");
    if (part.front() == '-') return bad("a component cannot start with '-' (it reads as an option)");
    for (char c : part)
      if (!is_alnum(c) && c != '.' && c != '_' && c != '-' && c != '+')
        return bad("only [A-Za-z0-9._+-] and '/' between components are allowed");
    if (++depth > kMaxPathDepth) return bad("nested too deeply");
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return {};
}

}  // namespace tc::exec
