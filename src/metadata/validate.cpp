#include "metadata/validate.hpp"

#include <algorithm>
#include <string>
#include <utility>

#include "metadata/text_rules.hpp"

namespace tc::metadata {
namespace {

using std::chrono::microseconds;

std::string us(microseconds d) {
  return std::to_string(d.count()) + " µs";
}

std::string join(std::string_view path, std::string_view field) {
  std::string out(path);
  if (!out.empty()) out += '.';
  out += field;
  return out;
}

Result<void> check_duration(microseconds d, microseconds min, std::string_view path) {
  if (d < min || d > kMaxDuration)
    return field_error(path,
                       us(d) + " is out of range [" + us(min) + ", " + us(kMaxDuration) + "]");
  return {};
}

Result<void> validate_identity(const Identity& id, const RuntimeTypes& runtimes) {
  if (!is_uid(id.uid))
    return field_error("uid", quote_untrusted(id.uid) +
                                  " is not a uid (1..64 of [a-z0-9._-], starting with a "
                                  "letter or digit)");
  if (!is_text(id.name, 128))
    return field_error("name", "must be 1..128 bytes of UTF-8 text without control characters");
  if (!runtimes.contains(id.runtime))
    return field_error(
        "runtime", "expected one of " + runtimes.joined() + ", got " + quote_untrusted(id.runtime));
  if (!is_text(id.code.ref, 256))
    return field_error("code.ref", "must be 1..256 bytes of UTF-8 text without control characters");
  if (id.data && !is_text(id.data->ref, 256))
    return field_error("data.ref", "must be 1..256 bytes of UTF-8 text without control characters");
  return {};
}

template <class T>
Result<void> check_range(T v, T min, T max, std::string_view path) {
  if (v < min || v > max)
    return field_error(path, std::to_string(v) + " is out of range [" + std::to_string(min) + ", " +
                                 std::to_string(max) + "]");
  return {};
}

Result<void> validate_limits(const Limits& l) {
  if (auto r =
          check_range<std::uint32_t>(l.memory_pages, 1, kMaxMemoryPages, "limits.memory_pages");
      !r)
    return r;
  if (auto r = check_range<std::uint32_t>(l.call_depth, 1, kMaxCallDepth, "limits.call_depth"); !r)
    return r;
  if (auto r =
          check_range<std::uint64_t>(l.storage_quota, 0, kMaxStorageQuota, "limits.storage_quota");
      !r)
    return r;
  if (auto r = check_range<std::uint32_t>(l.mailbox_capacity, 0, kMaxMailboxCapacity,
                                          "limits.mailbox_capacity");
      !r)
    return r;
  return check_range<std::uint32_t>(l.mailbox_message_size, 1, kMaxMailboxMessageSize,
                                    "limits.mailbox_message_size");
}

}  // namespace

std::unexpected<Error> field_error(std::string_view path, std::string_view what) {
  std::string msg(path);
  msg += ": ";
  msg += what;
  return make_error(Phase::config, std::move(msg));
}

Result<void> validate_scheduling(const Scheduling& s, std::string_view path) {
  if (auto r =
          check_duration(s.start_max_duration, microseconds{1}, join(path, "start_max_duration"));
      !r)
    return r;
  if (auto r = check_duration(s.loop_period, kMinLoopPeriod, join(path, "loop_period")); !r)
    return r;
  if (auto r =
          check_duration(s.loop_max_duration, microseconds{1}, join(path, "loop_max_duration"));
      !r)
    return r;
  if (s.loop_max_duration > s.loop_period)
    return field_error(
        join(path, "loop_max_duration"),
        us(s.loop_max_duration) + " exceeds loop_period (" + us(s.loop_period) + ")");
  if (auto r =
          check_duration(s.stop_max_duration, microseconds{1}, join(path, "stop_max_duration"));
      !r)
    return r;
  return check_range<unsigned>(s.priority, 0, kMaxPriority, join(path, "priority"));
}

Result<void> validate_endpoint(const Endpoint& e, std::string_view path) {
  const std::string peer = join(path, "peer");
  switch (e.peer_type) {
    case PeerType::local:
      if (!is_service_name(e.peer))
        return field_error(
            peer, quote_untrusted(e.peer) + " is not a service name (1..64 of [a-z0-9._-])");
      break;
    case PeerType::container:
      if (!is_uid(e.peer))
        return field_error(peer, quote_untrusted(e.peer) + " is not a container uid");
      break;
    case PeerType::remote:
      if (!is_uri(e.peer))
        return field_error(
            peer, quote_untrusted(e.peer) + " is not a URI (1..256 printable ASCII, scheme://...)");
      break;
  }
  return {};
}

Result<void> validate_unique_endpoint_ids(const std::vector<Endpoint>& eps, std::string_view path) {
  if (eps.size() > kMaxEndpoints)
    return field_error(path, std::to_string(eps.size()) + " endpoints exceed the maximum of " +
                                 std::to_string(kMaxEndpoints));
  std::vector<std::pair<std::uint32_t, std::size_t>> index;
  index.reserve(eps.size());
  for (std::size_t i = 0; i < eps.size(); ++i) index.emplace_back(eps[i].endpoint_id, i);
  std::sort(index.begin(), index.end());
  for (std::size_t k = 1; k < index.size(); ++k) {
    if (index[k].first != index[k - 1].first) continue;
    return field_error(std::string(path) + "[" + std::to_string(index[k].second) + "].endpoint_id",
                       "duplicate id " + std::to_string(index[k].first) + " (also " +
                           std::string(path) + "[" + std::to_string(index[k - 1].second) + "])");
  }
  return {};
}

Result<void> validate(const Metadata& m, const RuntimeTypes& runtimes) {
  if (m.version != kSchemaVersion)
    return field_error("version", "unsupported schema version " + std::to_string(m.version) +
                                      " (this host reads " + std::to_string(kSchemaVersion) + ")");
  if (auto r = validate_identity(m.identity, runtimes); !r) return r;
  if (auto r = validate_scheduling(m.scheduling, "scheduling"); !r) return r;
  if (auto r = validate_limits(m.limits); !r) return r;
  for (std::size_t i = 0; i < m.endpoints.size(); ++i) {
    if (auto r = validate_endpoint(m.endpoints[i], "endpoints[" + std::to_string(i) + "]"); !r)
      return r;
  }
  if (auto r = validate_unique_endpoint_ids(m.endpoints, "endpoints"); !r) return r;
  if (m.integrity.data_sha256 && !m.identity.data)
    return field_error("integrity.data_sha256", "present but the container has no data blob");
  return {};
}

}  // namespace tc::metadata
