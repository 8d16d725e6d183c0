// tinycontainer api — service metrics in the Prometheus text exposition format 0.0.4.
//
// Contract: thread-safe. Counters only grow. render() emits
//   tc_http_requests_total{route,code}, tc_executions_total{status},
//   tc_execution_duration_seconds (histogram: queue wait + execution, per execution),
//   tc_http_request_duration_seconds{route} (histogram), tc_queue_depth, tc_in_flight.
// `route` is the route pattern ("/v1/executions/{id}"), never the raw path, so label
// cardinality stays bounded.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "executor/executor.hpp"

namespace tc::api {

class Histogram {
 public:
  static constexpr std::array<double, 14> kBounds{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                  0.25,  0.5,    1.0,   2.5,  5.0,   10.0, 30.0};
  void observe(double seconds);
  void render(std::string& out, const std::string& name, const std::string& labels) const;

 private:
  std::array<std::uint64_t, kBounds.size()> buckets_{};
  std::uint64_t count_ = 0;
  double sum_ = 0;
};

class Metrics {
 public:
  void count_request(const std::string& route, int code);
  void observe_request(const std::string& route, double seconds);
  void count_execution(const std::string& status, double seconds);
  [[nodiscard]] std::string render(std::size_t queue_depth, std::size_t in_flight,
                                   const exec::WarmPoolCounters& pool = {}) const;

  // "/v1/executions/abc" → "/v1/executions/{id}"; unknown paths → "other".
  [[nodiscard]] static std::string route_of(const std::string& path);

 private:
  mutable std::mutex mu_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> request_latency_;
  std::map<std::string, std::uint64_t> executions_;
  Histogram execution_latency_;
};

}  // namespace tc::api
