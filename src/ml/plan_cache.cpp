// Bounded LRU cache of compiled plans (see plan_cache.hpp).
#include "ml/plan_cache.hpp"

#include <algorithm>
#include <cstring>

namespace tc::ml {

std::uint64_t model_hash(std::span<const std::uint8_t> bytes) noexcept {
  // 8 bytes per step (multiply-xorshift over little-endian words), FNV offset as seed.
  std::uint64_t h = 0xcbf29ce484222325ULL ^ bytes.size();
  std::size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, bytes.data() + i, 8);
    h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
    h ^= h >> 29;
  }
  for (; i < bytes.size(); ++i) h = (h ^ bytes[i]) * 0x100000001b3ULL;
  return h;
}

Plan* PlanCache::find(std::string_view uid, std::span<const std::uint8_t> model) noexcept {
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->model.size() != model.size() || it->uid != uid ||
        std::memcmp(it->model.data(), model.data(), model.size()) != 0)
      continue;
    entries_.splice(entries_.begin(), entries_, it);
    ++hits_;
    return entries_.front().plan.get();
  }
  ++misses_;
  return nullptr;
}

void PlanCache::evict_one(std::string_view uid_only) {
  for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
    if (!uid_only.empty() && it->uid != uid_only) continue;
    bytes_ -= it->bytes;
    entries_.erase(std::next(it).base());
    return;
  }
}

Plan* PlanCache::insert(std::string_view uid, std::span<const std::uint8_t> model, std::unique_ptr<Plan>& plan) {
  const std::size_t bytes = plan->arena_bytes() + model.size();
  if (bytes > limits_.cache_bytes || limits_.cache_entries == 0 || limits_.cache_entries_per_container == 0)
    return nullptr;
  const auto mine = [&] {
    return static_cast<std::size_t>(std::count_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.uid == uid; }));
  };
  while (mine() >= limits_.cache_entries_per_container) evict_one(uid);
  while (entries_.size() >= limits_.cache_entries || bytes_ + bytes > limits_.cache_bytes) evict_one({});
  entries_.push_front(Entry{std::string(uid), model_hash(model), {model.begin(), model.end()}, std::move(plan), bytes});
  bytes_ += bytes;
  return entries_.front().plan.get();
}

void PlanCache::drop(std::string_view uid) noexcept {
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->uid == uid) {
      bytes_ -= it->bytes;
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace tc::ml
