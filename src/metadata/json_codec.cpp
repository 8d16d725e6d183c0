#include "metadata/json_codec.hpp"

#include "metadata/enum_names.hpp"
#include "metadata/json_fields.hpp"
#include "metadata/scheduling_json.hpp"
#include "metadata/try.hpp"
#include "metadata/validate.hpp"

namespace tc::metadata {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;
namespace jf = json_fields;

Result<Scheduling> scheduling_from_json(const json& v) {
  TC_TRY(c, scheduling_fields_from_json(v));
  if (!c->loop_period) return jf::missing("scheduling", "loop_period");
  Scheduling s;
  s.loop_period = *c->loop_period;
  s.loop_max_duration = c->loop_max_duration.value_or(s.loop_period);
  if (c->start_max_duration) s.start_max_duration = *c->start_max_duration;
  if (c->stop_max_duration) s.stop_max_duration = *c->stop_max_duration;
  if (c->loop_max_lifetime) s.loop_max_lifetime = *c->loop_max_lifetime;
  if (c->priority) s.priority = *c->priority;
  if (c->overrun) s.overrun = *c->overrun;
  return s;
}

Result<Limits> limits_from_json(const json& v) {
  const std::string_view path = "limits";
  if (auto r = jf::require_object(v, path); !r) return std::unexpected(r.error());
  if (auto r = jf::check_known(v, path,
                               {"memory_pages", "call_depth", "storage_quota", "mailbox_capacity",
                                "mailbox_message_size"});
      !r)
    return std::unexpected(r.error());
  Limits l;
  // Range checks live in validate(); here only the representable maximum.
  TC_TRY(pages, jf::get_uint(v, "memory_pages", path, UINT32_MAX));
  TC_TRY(depth, jf::get_uint(v, "call_depth", path, UINT32_MAX));
  TC_TRY(quota, jf::get_size(v, "storage_quota", path));
  TC_TRY(cap, jf::get_uint(v, "mailbox_capacity", path, UINT32_MAX));
  TC_TRY(msg, jf::get_size(v, "mailbox_message_size", path));
  if (*pages) l.memory_pages = static_cast<std::uint32_t>(**pages);
  if (*depth) l.call_depth = static_cast<std::uint32_t>(**depth);
  if (*quota) l.storage_quota = **quota;
  if (*cap) l.mailbox_capacity = static_cast<std::uint32_t>(**cap);
  if (*msg) {
    if (**msg > UINT32_MAX)
      return field_error("limits.mailbox_message_size", std::to_string(**msg) + " is out of range");
    l.mailbox_message_size = static_cast<std::uint32_t>(**msg);
  }
  return l;
}

Result<Integrity> integrity_from_json(const json& v) {
  const std::string_view path = "integrity";
  if (auto r = jf::require_object(v, path); !r) return std::unexpected(r.error());
  if (auto r = jf::check_known(v, path, {"code_sha256", "data_sha256"}); !r)
    return std::unexpected(r.error());
  TC_TRY(code, jf::get_sha256(v, "code_sha256", path));
  TC_TRY(data, jf::get_sha256(v, "data_sha256", path));
  return Integrity{*code, *data};
}

Result<std::vector<Endpoint>> endpoints_from_json(const json& v) {
  if (!v.is_array()) return jf::wrong_type(v, "endpoints", "an array");
  if (v.size() > kMaxEndpoints)
    return field_error("endpoints", std::to_string(v.size()) + " endpoints exceed the maximum of " +
                                        std::to_string(kMaxEndpoints));
  std::vector<Endpoint> out;
  out.reserve(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) {
    TC_TRY(e, endpoint_from_json(v[i], jf::index("endpoints", i)));
    out.push_back(std::move(*e));
  }
  return out;
}

Result<Identity> identity_from_json(const json& doc) {
  Identity id;
  TC_TRY(uid, jf::get_string(doc, "uid", ""));
  TC_TRY(name, jf::get_string(doc, "name", ""));
  TC_TRY(runtime, jf::get_string(doc, "runtime", ""));
  TC_TRY(code, jf::get_string(doc, "code", ""));
  TC_TRY(data, jf::get_string(doc, "data", ""));
  if (!*uid) return jf::missing("", "uid");
  if (!*runtime) return jf::missing("", "runtime");
  if (!*code) return jf::missing("", "code");
  id.uid = std::move(**uid);
  id.name = name->value_or(id.uid);
  id.runtime = std::move(**runtime);
  id.code.ref = std::move(**code);
  if (*data) id.data = BlobRef{std::move(**data)};
  return id;
}

}  // namespace

Result<Endpoint> endpoint_from_json(const json& v, std::string_view path) {
  if (auto r = jf::require_object(v, path); !r) return std::unexpected(r.error());
  if (auto r = jf::check_known(v, path,
                               {"endpoint_id", "peer_type", "peer", "peer_endpoint", "direction"});
      !r)
    return std::unexpected(r.error());
  TC_TRY(id, jf::get_uint(v, "endpoint_id", path, UINT32_MAX));
  TC_TRY(type, jf::get_enum<PeerType>(v, "peer_type", path, parse_peer_type, peer_type_names()));
  TC_TRY(peer, jf::get_string(v, "peer", path));
  TC_TRY(peer_ep, jf::get_uint(v, "peer_endpoint", path, UINT32_MAX));
  TC_TRY(dir, jf::get_enum<Direction>(v, "direction", path, parse_direction, direction_names()));
  if (!*id) return jf::missing(path, "endpoint_id");
  if (!*type) return jf::missing(path, "peer_type");
  if (!*peer) return jf::missing(path, "peer");
  if (!*dir) return jf::missing(path, "direction");
  Endpoint e{static_cast<std::uint32_t>(**id), **type, std::move(**peer),
             static_cast<std::uint32_t>(peer_ep->value_or(0)), **dir};
  if (auto r = validate_endpoint(e, path); !r) return std::unexpected(r.error());
  return e;
}

Result<Metadata> metadata_from_json(const json& doc, const RuntimeTypes& runtimes) {
  if (auto r = jf::require_object(doc, ""); !r) return std::unexpected(r.error());
  if (auto r = jf::check_known(doc, "",
                               {"version", "revision", "uid", "name", "runtime", "code", "data",
                                "scheduling", "limits", "endpoints", "integrity"});
      !r)
    return std::unexpected(r.error());
  Metadata m;
  TC_TRY(version, jf::get_uint(doc, "version", "", UINT32_MAX));
  TC_TRY(revision, jf::get_uint(doc, "revision", "", UINT64_MAX));
  if (!*version) return jf::missing("", "version");
  m.version = static_cast<std::uint32_t>(**version);
  m.revision = revision->value_or(0);
  TC_TRY(identity, identity_from_json(doc));
  m.identity = std::move(*identity);
  if (!doc.contains("scheduling")) return jf::missing("", "scheduling");
  TC_TRY(sched, scheduling_from_json(doc["scheduling"]));
  m.scheduling = *sched;
  if (doc.contains("limits")) {
    TC_TRY(limits, limits_from_json(doc["limits"]));
    m.limits = *limits;
  }
  if (doc.contains("endpoints")) {
    TC_TRY(eps, endpoints_from_json(doc["endpoints"]));
    m.endpoints = std::move(*eps);
  }
  if (doc.contains("integrity")) {
    TC_TRY(integrity, integrity_from_json(doc["integrity"]));
    m.integrity = *integrity;
  }
  if (auto r = validate(m, runtimes); !r) return std::unexpected(r.error());
  return m;
}

Result<Metadata> decode_json(std::string_view text, const RuntimeTypes& runtimes) {
  TC_TRY(doc, jf::parse_document(text, kMaxDocumentBytes));
  return metadata_from_json(*doc, runtimes);
}

ordered_json endpoint_to_json(const Endpoint& e) {
  ordered_json j;
  j["endpoint_id"] = e.endpoint_id;
  j["peer_type"] = std::string(to_string(e.peer_type));
  j["peer"] = e.peer;
  j["peer_endpoint"] = e.peer_endpoint;
  j["direction"] = std::string(to_string(e.direction));
  return j;
}

ordered_json to_json(const Metadata& m) {
  ordered_json j;
  j["version"] = m.version;
  j["revision"] = m.revision;
  j["uid"] = m.identity.uid;
  j["name"] = m.identity.name;
  j["runtime"] = m.identity.runtime;
  j["code"] = m.identity.code.ref;
  if (m.identity.data) j["data"] = m.identity.data->ref;
  const auto& s = m.scheduling;
  ordered_json& js = j["scheduling"];
  js["start_max_duration"] = jf::format_duration(s.start_max_duration);
  js["loop_period"] = jf::format_duration(s.loop_period);
  js["loop_max_duration"] = jf::format_duration(s.loop_max_duration);
  js["loop_max_lifetime"] = s.loop_max_lifetime;
  js["stop_max_duration"] = jf::format_duration(s.stop_max_duration);
  js["priority"] = s.priority;
  js["overrun"] = std::string(to_string(s.overrun));
  ordered_json& jl = j["limits"];
  jl["memory_pages"] = m.limits.memory_pages;
  jl["call_depth"] = m.limits.call_depth;
  jl["storage_quota"] = m.limits.storage_quota;
  jl["mailbox_capacity"] = m.limits.mailbox_capacity;
  jl["mailbox_message_size"] = m.limits.mailbox_message_size;
  ordered_json& je = j["endpoints"] = ordered_json::array();
  for (const auto& e : m.endpoints) je.push_back(endpoint_to_json(e));
  ordered_json& ji = j["integrity"] = ordered_json::object();
  if (m.integrity.code_sha256) ji["code_sha256"] = to_hex(*m.integrity.code_sha256);
  if (m.integrity.data_sha256) ji["data_sha256"] = to_hex(*m.integrity.data_sha256);
  return j;
}

std::string encode_json(const Metadata& m) {
  return to_json(m).dump(2) + "\n";
}

}  // namespace tc::metadata
