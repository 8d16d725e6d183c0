#include "linux/seccomp/errno_names.hpp"

#include <array>
#include <cerrno>
#include <charconv>
#include <utility>

namespace tc::seccomp {
namespace {

constexpr std::array<std::pair<std::string_view, int>, 16> kNames{{
    {"EPERM", EPERM},
    {"ENOENT", ENOENT},
    {"EIO", EIO},
    {"EBADF", EBADF},
    {"EAGAIN", EAGAIN},
    {"ENOMEM", ENOMEM},
    {"EACCES", EACCES},
    {"EFAULT", EFAULT},
    {"EINVAL", EINVAL},
    {"ENOTTY", ENOTTY},
    {"ENOSYS", ENOSYS},
    {"EOPNOTSUPP", EOPNOTSUPP},
    {"EAFNOSUPPORT", EAFNOSUPPORT},
    {"EPROTONOSUPPORT", EPROTONOSUPPORT},
    {"ESOCKTNOSUPPORT", ESOCKTNOSUPPORT},
    {"ENODEV", ENODEV},
}};

}  // namespace

std::optional<int> errno_from_name(std::string_view name) noexcept {
  for (const auto& [n, v] : kNames)
    if (n == name) return v;
  int value = 0;
  const auto* end = name.data() + name.size();
  auto [ptr, ec] = std::from_chars(name.data(), end, value);
  if (ec == std::errc{} && ptr == end && !name.empty() && value > 0 && value < 4096) return value;
  return std::nullopt;
}

std::string errno_name(int err) {
  for (const auto& [n, v] : kNames)
    if (v == err) return std::string(n);
  return "E" + std::to_string(err);
}

}  // namespace tc::seccomp
