#include "api/metrics.hpp"

#include <fmt/format.h>

namespace tc::api {

void Histogram::observe(double seconds) {
  for (std::size_t i = 0; i < kBounds.size(); ++i)
    if (seconds <= kBounds[i]) ++buckets_[i];
  ++count_;
  sum_ += seconds;
}

void Histogram::render(std::string& out, const std::string& name, const std::string& labels) const {
  const std::string sep = labels.empty() ? "" : ",";
  for (std::size_t i = 0; i < kBounds.size(); ++i)
    out +=
        fmt::format("{}_bucket{{{}{}le=\"{}\"}} {}\n", name, labels, sep, kBounds[i], buckets_[i]);
  out += fmt::format("{}_bucket{{{}{}le=\"+Inf\"}} {}\n", name, labels, sep, count_);
  const std::string braces = labels.empty() ? "" : "{" + labels + "}";
  out += fmt::format("{}_sum{} {}\n{}_count{} {}\n", name, braces, sum_, name, braces, count_);
}

void Metrics::count_request(const std::string& route, int code) {
  std::lock_guard lock(mu_);
  ++requests_[{route, code}];
}

void Metrics::observe_request(const std::string& route, double seconds) {
  std::lock_guard lock(mu_);
  request_latency_[route].observe(seconds);
}

void Metrics::count_execution(const std::string& status, double seconds) {
  std::lock_guard lock(mu_);
  ++executions_[status];
  execution_latency_.observe(seconds);
}

std::string Metrics::route_of(const std::string& path) {
  static constexpr std::string_view kExact[] = {"/v1/executions",   "/v1/languages",
                                                "/healthz",         "/metrics",
                                                "/api/v2/runtimes", "/api/v2/execute"};
  for (auto r : kExact)
    if (path == r) return std::string(r);
  if (path.starts_with("/v1/executions/")) return "/v1/executions/{id}";
  return "other";
}

std::string Metrics::render(std::size_t queue_depth, std::size_t in_flight,
                            const exec::WarmPoolCounters& pool) const {
  std::lock_guard lock(mu_);
  std::string out;
  out += "# HELP tc_http_requests_total HTTP requests by route and status code.\n";
  out += "# TYPE tc_http_requests_total counter\n";
  for (const auto& [key, n] : requests_)
    out += fmt::format("tc_http_requests_total{{route=\"{}\",code=\"{}\"}} {}\n", key.first,
                       key.second, n);
  out += "# HELP tc_http_request_duration_seconds Handler time by route.\n";
  out += "# TYPE tc_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : request_latency_)
    h.render(out, "tc_http_request_duration_seconds", fmt::format("route=\"{}\"", route));
  out += "# HELP tc_executions_total Executions by outcome status.\n";
  out += "# TYPE tc_executions_total counter\n";
  for (const auto& [status, n] : executions_)
    out += fmt::format("tc_executions_total{{status=\"{}\"}} {}\n", status, n);
  out += "# HELP tc_execution_duration_seconds Queue wait plus execution time.\n";
  out += "# TYPE tc_execution_duration_seconds histogram\n";
  execution_latency_.render(out, "tc_execution_duration_seconds", "");
  // One unlabelled sample with its HELP and TYPE lines.
  auto single = [&out](std::string_view name, std::string_view type, std::string_view help,
                       std::uint64_t value) {
    out += fmt::format("# HELP {0} {1}\n# TYPE {0} {2}\n{0} {3}\n", name, help, type, value);
  };
  single("tc_queue_depth", "gauge", "Executions waiting for a worker.", queue_depth);
  single("tc_in_flight", "gauge", "Executions running now.", in_flight);
  out +=
      "# HELP tc_warm_pool_steps_total Linux steps by whether a pre-built sandbox served them.\n";
  out += "# TYPE tc_warm_pool_steps_total counter\n";
  out += fmt::format("tc_warm_pool_steps_total{{result=\"hit\"}} {}\n", pool.hits);
  out += fmt::format("tc_warm_pool_steps_total{{result=\"miss\"}} {}\n", pool.misses);
  single("tc_warm_pool_built_total", "counter", "Sandboxes the warm pool started.", pool.built);
  single("tc_warm_pool_discarded_total", "counter", "Pre-built sandboxes cancelled unused.",
         pool.discarded);
  single("tc_warm_pool_idle", "gauge",
         "Pre-built sandboxes waiting for a command (built or building).", pool.idle);
  single("tc_warm_pool_ready", "gauge", "Pre-built sandboxes built and waiting for a command.",
         pool.ready);
  return out;
}

}  // namespace tc::api
