// tinycontainer ml — bounded cache of compiled plans keyed by (container uid, model bytes).
//
// Contract:
//  * find() returns the plan compiled from exactly these model bytes for this container:
//    entries are selected by uid and length and confirmed by a full byte comparison
//    (memcmp, ~0.2 µs for the 10 KB demo model). No hash on the hot path: hashing the
//    model on every call cost more (≈2 µs) than the inference itself, and a comparison
//    cannot collide. model_hash() identifies a model in logs/statistics.
//  * insert() evicts least-recently-used entries so that the cache never holds more than
//    Limits::cache_entries plans, cache_entries_per_container per container, and
//    cache_bytes of arenas + model copies; a plan larger than cache_bytes is not cached.
//  * Plans are per container: a container never runs another container's plan object
//    (plans hold mutable arenas; sharing would leak activations between tenants).
//  * drop(uid) removes a container's plans (container removed). Not thread-safe: the host
//    serialises service calls (service.hpp).
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ml/limits.hpp"
#include "ml/plan.hpp"

namespace tc::ml {

[[nodiscard]] std::uint64_t model_hash(std::span<const std::uint8_t> bytes) noexcept;

class PlanCache {
 public:
  explicit PlanCache(const Limits& limits) : limits_(limits) {}
  Plan* find(std::string_view uid, std::span<const std::uint8_t> model) noexcept;
  // Takes `plan` (moved from) when it is cached; leaves it untouched and returns null when
  // it is too large for the cache.
  Plan* insert(std::string_view uid, std::span<const std::uint8_t> model, std::unique_ptr<Plan>& plan);
  void drop(std::string_view uid) noexcept;
  [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }
  [[nodiscard]] std::size_t bytes() const noexcept { return bytes_; }
  [[nodiscard]] std::uint64_t hits() const noexcept { return hits_; }
  [[nodiscard]] std::uint64_t misses() const noexcept { return misses_; }

 private:
  struct Entry {
    std::string uid;
    std::uint64_t hash;
    std::vector<std::uint8_t> model;
    std::unique_ptr<Plan> plan;
    std::size_t bytes;
  };
  void evict_one(std::string_view uid_only);
  Limits limits_;
  std::list<Entry> entries_;  // front = most recently used
  std::size_t bytes_ = 0;
  std::uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace tc::ml
