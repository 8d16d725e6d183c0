#include "linux/cgroup/cpu_watch.hpp"

namespace tc::cgroup {

Result<bool> CpuTimeWatch::poll() {
  if (fired_) return true;
  auto used = run_.cpu_usage_ns();
  if (!used) return std::unexpected(used.error());
  if (*used < static_cast<std::uint64_t>(budget_.count())) return false;
  fired_ = true;
  if (auto ok = run_.kill_all(); !ok) return std::unexpected(ok.error());
  return true;
}

}  // namespace tc::cgroup
