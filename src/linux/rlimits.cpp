#include "linux/rlimits.hpp"

#include <fmt/format.h>
#include <sys/resource.h>

namespace tc::sandbox {

Result<void> apply_rlimits(const std::vector<Rlimit>& limits) {
  for (const auto& l : limits) {
    rlimit r{static_cast<rlim_t>(l.soft), static_cast<rlim_t>(l.hard)};
    if (::setrlimit(static_cast<__rlimit_resource>(l.resource), &r) != 0)
      return sys_error(Phase::setup, fmt::format("setrlimit {} to {}", l.resource, l.soft));
  }
  return {};
}

}  // namespace tc::sandbox
