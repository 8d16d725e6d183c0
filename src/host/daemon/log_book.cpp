#include "host/daemon/log_book.hpp"

#include <algorithm>
#include <cstdio>

namespace tc::hostd {

void LogBook::append(std::string_view uid, std::string_view line) {
  if (echo_)
    std::fprintf(stderr, "[%.*s] %.*s\n", static_cast<int>(uid.size()), uid.data(),
                 static_cast<int>(line.size()), line.data());
  std::lock_guard lock(mu_);
  auto it = logs_.find(uid);
  if (it == logs_.end()) {
    if (logs_.size() >= max_containers_) {
      auto oldest = std::min_element(logs_.begin(), logs_.end(), [](const auto& a, const auto& b) {
        return a.second.touched < b.second.touched;
      });
      logs_.erase(oldest);
    }
    it = logs_.emplace(std::string(uid), Log{}).first;
  }
  it->second.touched = ++clock_;
  it->second.lines.emplace_back(line);
  if (it->second.lines.size() > per_container_) it->second.lines.pop_front();
}

std::vector<std::string> LogBook::lines(std::string_view uid) const {
  std::lock_guard lock(mu_);
  auto it = logs_.find(uid);
  if (it == logs_.end()) return {};
  return {it->second.lines.begin(), it->second.lines.end()};
}

}  // namespace tc::hostd
