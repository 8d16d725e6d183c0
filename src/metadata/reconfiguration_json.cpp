#include "metadata/enum_names.hpp"
#include "metadata/json_codec.hpp"
#include "metadata/json_fields.hpp"
#include "metadata/reconfiguration_codec.hpp"
#include "metadata/scheduling_json.hpp"
#include "metadata/try.hpp"

namespace tc::metadata {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;
namespace jf = json_fields;

Result<std::vector<Endpoint>> grants_from_json(const json& v) {
  if (!v.is_array()) return jf::wrong_type(v, "grant", "an array");
  if (v.size() > kMaxEndpoints) return field_error("grant", "too many entries");
  std::vector<Endpoint> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    TC_TRY(e, endpoint_from_json(v[i], jf::index("grant", i)));
    out.push_back(std::move(*e));
  }
  return out;
}

Result<std::vector<std::uint32_t>> revokes_from_json(const json& v) {
  if (!v.is_array()) return jf::wrong_type(v, "revoke", "an array");
  if (v.size() > kMaxEndpoints) return field_error("revoke", "too many entries");
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string p = jf::index("revoke", i);
    if (!v[i].is_number_unsigned()) return jf::wrong_type(v[i], p, "an endpoint id");
    const auto id = v[i].get<std::uint64_t>();
    if (id > UINT32_MAX) return field_error(p, std::to_string(id) + " is out of range");
    out.push_back(static_cast<std::uint32_t>(id));
  }
  return out;
}

}  // namespace

Result<Reconfiguration> decode_reconfiguration_json(std::string_view text) {
  TC_TRY(doc, jf::parse_document(text, kMaxDocumentBytes));
  if (auto r = jf::require_object(*doc, ""); !r) return std::unexpected(r.error());
  if (auto r = jf::check_known(*doc, "",
                               {"version", "uid", "revision", "scheduling", "grant", "revoke"});
      !r)
    return std::unexpected(r.error());
  TC_TRY(version, jf::get_uint(*doc, "version", "", UINT32_MAX));
  TC_TRY(uid, jf::get_string(*doc, "uid", ""));
  TC_TRY(revision, jf::get_uint(*doc, "revision", "", UINT64_MAX));
  if (!*version) return jf::missing("", "version");
  if (!*uid) return jf::missing("", "uid");
  if (!*revision) return jf::missing("", "revision");
  Reconfiguration r;
  r.version = static_cast<std::uint32_t>(**version);
  r.uid = std::move(**uid);
  r.revision = **revision;
  if (doc->contains("scheduling")) {
    TC_TRY(c, scheduling_fields_from_json(doc->at("scheduling")));
    r.scheduling = *c;
  }
  if (doc->contains("grant")) {
    TC_TRY(g, grants_from_json(doc->at("grant")));
    r.grant = std::move(*g);
  }
  if (doc->contains("revoke")) {
    TC_TRY(v, revokes_from_json(doc->at("revoke")));
    r.revoke = std::move(*v);
  }
  if (auto v = validate_request(r); !v) return std::unexpected(v.error());
  return r;
}

std::string encode_reconfiguration_json(const Reconfiguration& r) {
  ordered_json j;
  j["version"] = r.version;
  j["uid"] = r.uid;
  j["revision"] = r.revision;
  ordered_json& s = j["scheduling"] = ordered_json::object();
  const auto& c = r.scheduling;
  if (c.start_max_duration) s["start_max_duration"] = jf::format_duration(*c.start_max_duration);
  if (c.loop_period) s["loop_period"] = jf::format_duration(*c.loop_period);
  if (c.loop_max_duration) s["loop_max_duration"] = jf::format_duration(*c.loop_max_duration);
  if (c.loop_max_lifetime) s["loop_max_lifetime"] = *c.loop_max_lifetime;
  if (c.stop_max_duration) s["stop_max_duration"] = jf::format_duration(*c.stop_max_duration);
  if (c.priority) s["priority"] = *c.priority;
  if (c.overrun) s["overrun"] = std::string(to_string(*c.overrun));
  ordered_json& g = j["grant"] = ordered_json::array();
  for (const auto& e : r.grant) g.push_back(endpoint_to_json(e));
  j["revoke"] = r.revoke;
  return j.dump(2) + "\n";
}

}  // namespace tc::metadata
