// tinycontainer ml — the `ml` host service: ONNX inference on models and inputs that live
// in the calling container's linear memory (docs/ML.md).
//
// Contract:
//  * name() is "ml": a container reaches it through a grant {peer_type: local, peer: "ml"};
//    the host's dispatcher enforces that grant on every call (service.hpp) — a container
//    without it gets abi::kDenied from the host and never reaches this code.
//  * open() requires a grant with direction `both` (request out, response in): otherwise
//    abi::kWrongDirection. A grant narrowed to `out` later (reconfiguration) makes the
//    dispatcher pass an empty response buffer: the call then returns kTooBig.
//  * Session::call implements the request format of request.hpp: every range is checked
//    against the caller's memory (kBadMemory), the model is validated and compiled on the
//    first use and the plan cached per (container uid, model hash) (plan_cache.hpp); the
//    output is written to the response buffer. read/write are kUnsupported.
//  * The inference runs synchronously inside the container's host call, on the scheduler
//    thread: its time is part of the calling container's phase time (and counts against
//    its loop/start budget); no other container is charged. It never blocks.
//  * Counters (stats()) are for tests, benchmarks and the host's status output.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "host/service.hpp"
#include "ml/limits.hpp"
#include "ml/plan_cache.hpp"

namespace tc::ml {

inline constexpr std::string_view kServiceName = "ml";

struct ServiceStats {
  std::uint64_t inferences = 0;   // successful calls
  std::uint64_t rejected = 0;     // calls answered with an error code
  std::uint64_t compiles = 0;     // models validated + compiled (cache misses that succeeded)
  std::uint64_t cache_hits = 0;
};

class MlService final : public host::Service {
 public:
  explicit MlService(Limits limits = {}) : limits_(limits), cache_(limits) {}
  [[nodiscard]] std::string_view name() const noexcept override { return kServiceName; }
  host::OpenResult open(const host::OpenRequest& request) override;
  void on_container_removed(std::string_view container_uid) override { cache_.drop(container_uid); }

  // One inference for `uid` (what Session::call does; exposed for tests and benchmarks).
  std::int32_t infer(std::string_view uid, std::span<std::uint8_t> guest,
                     std::span<const std::uint8_t> request, std::span<std::uint8_t> response);

  [[nodiscard]] const ServiceStats& stats() const noexcept { return stats_; }
  [[nodiscard]] const PlanCache& cache() const noexcept { return cache_; }

 private:
  std::int32_t reject(std::int32_t code) noexcept { ++stats_.rejected; return code; }
  Limits limits_;
  PlanCache cache_;
  ServiceStats stats_;
};

// Convenience for HostConfig::services.
[[nodiscard]] std::unique_ptr<host::Service> make_ml_service(Limits limits = {});

}  // namespace tc::ml
