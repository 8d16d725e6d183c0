#include "services/log_ring.hpp"

namespace tc::services {

void LogRing::append(std::string_view uid, std::string_view line) {
  const std::lock_guard lock(mu_);
  auto it = rings_.find(uid);
  if (it == rings_.end()) it = rings_.emplace(std::string(uid), Ring{}).first;
  Ring& r = it->second;
  ++r.total;
  if (capacity_ == 0) return;
  if (r.lines.size() == capacity_) r.lines.pop_front();
  r.lines.emplace_back(line);
}

std::vector<std::string> LogRing::lines(std::string_view uid) const {
  const std::lock_guard lock(mu_);
  const auto it = rings_.find(uid);
  if (it == rings_.end()) return {};
  return {it->second.lines.begin(), it->second.lines.end()};
}

std::uint64_t LogRing::total(std::string_view uid) const {
  const std::lock_guard lock(mu_);
  const auto it = rings_.find(uid);
  return it == rings_.end() ? 0 : it->second.total;
}

void LogRing::forget(std::string_view uid) {
  const std::lock_guard lock(mu_);
  if (auto it = rings_.find(uid); it != rings_.end()) rings_.erase(it);
}

}  // namespace tc::services
