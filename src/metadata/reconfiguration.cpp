#include "metadata/reconfiguration.hpp"

#include <algorithm>

#include "metadata/text_rules.hpp"
#include "metadata/validate.hpp"

namespace tc::metadata {
namespace {

std::string at(std::string_view list, std::size_t i) {
  return std::string(list) + "[" + std::to_string(i) + "]";
}

void merge(Scheduling& s, const SchedulingChange& c) {
  if (c.start_max_duration) s.start_max_duration = *c.start_max_duration;
  if (c.loop_period) s.loop_period = *c.loop_period;
  if (c.loop_max_duration) s.loop_max_duration = *c.loop_max_duration;
  if (c.loop_max_lifetime) s.loop_max_lifetime = *c.loop_max_lifetime;
  if (c.stop_max_duration) s.stop_max_duration = *c.stop_max_duration;
  if (c.priority) s.priority = *c.priority;
  if (c.overrun) s.overrun = *c.overrun;
}

}  // namespace

Result<void> validate_request(const Reconfiguration& r) {
  if (r.version != kSchemaVersion)
    return field_error("version", "unsupported schema version " + std::to_string(r.version));
  if (!is_uid(r.uid)) return field_error("uid", quote_untrusted(r.uid) + " is not a uid");
  if (r.grant.size() > kMaxEndpoints || r.revoke.size() > kMaxEndpoints)
    return field_error(r.grant.size() > kMaxEndpoints ? "grant" : "revoke",
                       "more than " + std::to_string(kMaxEndpoints) + " entries");
  for (std::size_t i = 0; i < r.grant.size(); ++i)
    if (auto v = validate_endpoint(r.grant[i], at("grant", i)); !v) return v;
  if (auto v = validate_unique_endpoint_ids(r.grant, "grant"); !v) return v;
  for (std::size_t i = 0; i < r.revoke.size(); ++i) {
    for (std::size_t k = 0; k < i; ++k)
      if (r.revoke[k] == r.revoke[i])
        return field_error(at("revoke", i), "duplicate id " + std::to_string(r.revoke[i]) +
                                                " (also " + at("revoke", k) + ")");
    for (std::size_t k = 0; k < r.grant.size(); ++k)
      if (r.grant[k].endpoint_id == r.revoke[i])
        return field_error(at("revoke", i), "endpoint " + std::to_string(r.revoke[i]) +
                                                " is also granted by " + at("grant", k));
  }
  return {};
}

Result<Metadata> apply(const Metadata& current, const Reconfiguration& request,
                       const RuntimeTypes& runtimes) {
  if (auto v = validate_request(request); !v) return std::unexpected(v.error());
  if (request.uid != current.identity.uid)
    return field_error("uid", "request targets " + quote_untrusted(request.uid) + ", not " +
                                  quote_untrusted(current.identity.uid));
  if (request.revision <= current.revision)
    return field_error("revision", std::to_string(request.revision) +
                                       " is not newer than the current revision " +
                                       std::to_string(current.revision));
  Metadata next = current;
  next.revision = request.revision;
  merge(next.scheduling, request.scheduling);
  for (std::size_t i = 0; i < request.revoke.size(); ++i) {
    auto it = std::find_if(next.endpoints.begin(), next.endpoints.end(),
                           [&](const Endpoint& e) { return e.endpoint_id == request.revoke[i]; });
    if (it == next.endpoints.end())
      return field_error(at("revoke", i),
                         "endpoint " + std::to_string(request.revoke[i]) + " is not granted");
    next.endpoints.erase(it);
  }
  for (const auto& g : request.grant) {
    auto it = std::find_if(next.endpoints.begin(), next.endpoints.end(),
                           [&](const Endpoint& e) { return e.endpoint_id == g.endpoint_id; });
    if (it != next.endpoints.end())
      *it = g;
    else
      next.endpoints.push_back(g);
  }
  if (auto v = validate(next, runtimes); !v) return std::unexpected(v.error());
  return next;
}

}  // namespace tc::metadata
