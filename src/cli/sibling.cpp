#include "cli/sibling.hpp"

#include <limits.h>
#include <unistd.h>

#include <array>
#include <string>

namespace tc::cli {

std::optional<std::filesystem::path> sibling_path(std::string_view name) {
  std::array<char, PATH_MAX> self{};
  const ssize_t n = ::readlink("/proc/self/exe", self.data(), self.size());
  if (n <= 0 || static_cast<std::size_t>(n) >= self.size()) return std::nullopt;  // none or cut
  return std::filesystem::path(std::string(self.data(), static_cast<std::size_t>(n)))
             .parent_path() /
         name;
}

}  // namespace tc::cli
