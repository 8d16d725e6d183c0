#include "host/daemon/coap_routes.hpp"

#include <nlohmann/json.hpp>

#include "host/daemon/base64.hpp"
#include "host/daemon/status_json.hpp"

namespace tc::hostd {
namespace {

using nlohmann::json;

CoapReply diagnostic(int code, std::string_view text) {
  return {code, std::nullopt, std::vector<std::uint8_t>(text.begin(), text.end())};
}

CoapReply from_error(const Error& e, int usage_code) {
  switch (e.phase) {
    case Phase::usage: return diagnostic(usage_code, e.describe());
    case Phase::config:
    case Phase::decode:
    case Phase::validate: return diagnostic(400, e.describe());
    case Phase::security: return diagnostic(403, e.describe());
    default: return diagnostic(500, e.describe());
  }
}

CoapReply body(const CoapRequest& r, int code, const json& j) {
  CoapReply out{code, kCoapCbor, {}};
  if (r.accept == kCoapJson) {
    out.content_format = kCoapJson;
    std::string s = j.dump(-1, ' ', false, json::error_handler_t::replace);
    out.payload.assign(s.begin(), s.end());
  } else {
    out.payload = json::to_cbor(j);
  }
  return out;
}

// Decodes the request body: CBOR (bytes as bstr) or JSON (bytes as base64 strings).
Result<json> decode_body(const CoapRequest& r) {
  const bool is_json = r.content_format ? *r.content_format == kCoapJson
                                        : (!r.payload.empty() && r.payload[0] == '{');
  if (r.content_format && *r.content_format != kCoapJson && *r.content_format != kCoapCbor)
    return make_error(Phase::internal, "unsupported");
  json j = is_json ? json::parse(r.payload.begin(), r.payload.end(), nullptr, false)
                   : json::from_cbor(r.payload.begin(), r.payload.end(), true, false);
  if (j.is_discarded() || !j.is_object())
    return make_error(Phase::usage, std::string("body is not a ") + (is_json ? "JSON" : "CBOR") +
                                        " map");
  return j;
}

Result<std::vector<std::uint8_t>> bytes_field(const json& j, const char* key, bool required) {
  auto it = j.find(key);
  if (it == j.end()) {
    if (required) return make_error(Phase::usage, std::string("missing field '") + key + "'");
    return std::vector<std::uint8_t>{};
  }
  if (it->is_binary()) return std::vector<std::uint8_t>(it->get_binary());
  if (it->is_string()) return decode_base64(it->get_ref<const std::string&>(), key);
  return make_error(Phase::usage, std::string("field '") + key + "' must be bytes");
}

Result<bool> flag_field(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return false;
  if (!it->is_boolean()) return make_error(Phase::usage, std::string("field '") + key + "' must be a bool");
  return it->get<bool>();
}

// {metadata, code, data?, <flag>?}; any other key is refused.
Result<std::pair<host::LoadRequest, bool>> load_body(const CoapRequest& r, const char* flag) {
  auto j = decode_body(r);
  if (!j) return std::unexpected(j.error());
  for (const auto& [k, v] : j->items())
    if (k != "metadata" && k != "code" && k != "data" && k != flag)
      return make_error(Phase::usage, "unknown field '" + k + "'");
  auto m = bytes_field(*j, "metadata", true);
  if (!m) return std::unexpected(m.error());
  auto c = bytes_field(*j, "code", true);
  if (!c) return std::unexpected(c.error());
  auto d = bytes_field(*j, "data", false);
  if (!d) return std::unexpected(d.error());
  auto f = flag_field(*j, flag);
  if (!f) return std::unexpected(f.error());
  return std::pair{host::LoadRequest{std::move(*m), std::move(*c), std::move(*d)}, *f};
}

bool format_supported(const CoapRequest& r) {
  return !r.content_format || *r.content_format == kCoapJson || *r.content_format == kCoapCbor;
}

}  // namespace

CoapReply CoapRoutes::handle(const CoapRequest& r) {
  if (r.payload.size() > max_body_)
    return diagnostic(413, "body larger than " + std::to_string(max_body_) + " bytes");
  const auto& p = r.path;
  if (p.size() == 1 && p[0] == "reconfigure") {
    if (r.method != CoapMethod::post) return diagnostic(405, "use POST on /reconfigure");
    if (auto done = host_.reconfigure(r.payload); !done) return from_error(done.error(), 400);
    return {204, std::nullopt, {}};
  }
  if (p.empty() || p[0] != "container") return diagnostic(404, "no such resource (try /container)");
  if (p.size() == 1) return collection(r);
  if (auto st = host_.status(p[1]); !st) return diagnostic(404, st.error().describe());
  if (p.size() == 2) return item(r, p[1]);
  if (p.size() == 3) return action(r, p[1], p[2]);
  return diagnostic(404, "no such resource");
}

CoapReply CoapRoutes::collection(const CoapRequest& r) {
  if (r.method == CoapMethod::get) {
    json all = json::array();
    for (const auto& s : host_.list()) all.push_back(status_to_json(s));
    return body(r, 205, all);
  }
  if (r.method != CoapMethod::post) return diagnostic(405, "use GET or POST on /container");
  if (!format_supported(r)) return diagnostic(415, "use Content-Format 60 (CBOR) or 50 (JSON)");
  auto req = load_body(r, "start");
  if (!req) return from_error(req.error(), 400);
  auto uid = host_.load(req->first);
  if (!uid) return from_error(uid.error(), 400);
  if (req->second) {
    if (auto s = host_.start(*uid); !s) {
      (void)host_.remove(*uid);  // all-or-nothing
      return from_error(s.error(), 409);
    }
  }
  auto st = host_.status(*uid);
  if (!st) return from_error(st.error(), 500);
  return body(r, 201, {{"uid", *uid}, {"status", status_to_json(*st)}});
}

CoapReply CoapRoutes::item(const CoapRequest& r, const std::string& uid) {
  switch (r.method) {
    case CoapMethod::get: break;
    case CoapMethod::del: {
      if (auto done = host_.remove(uid); !done) return from_error(done.error(), 409);
      return {202, std::nullopt, {}};
    }
    case CoapMethod::put: {
      if (!format_supported(r)) return diagnostic(415, "use Content-Format 60 (CBOR) or 50 (JSON)");
      auto req = load_body(r, "restart");
      if (!req) return from_error(req.error(), 400);
      if (auto done = host_.update(uid, req->first, req->second); !done)
        return from_error(done.error(), 409);
      break;
    }
    case CoapMethod::post: return diagnostic(405, "use GET, PUT or DELETE on /container/{uid}");
  }
  auto st = host_.status(uid);
  if (!st) return from_error(st.error(), 404);
  return body(r, r.method == CoapMethod::get ? 205 : 204, status_to_json(*st));
}

CoapReply CoapRoutes::action(const CoapRequest& r, const std::string& uid, const std::string& verb) {
  using Fn = Result<void> (host::HostControl::*)(std::string_view);
  Fn fn = verb == "start"     ? &host::HostControl::start
          : verb == "stop"    ? &host::HostControl::stop
          : verb == "suspend" ? &host::HostControl::suspend
          : verb == "resume"  ? &host::HostControl::resume
                              : nullptr;
  if (!fn) return diagnostic(404, "no such action '" + verb + "' (start, stop, suspend, resume)");
  if (r.method != CoapMethod::post) return diagnostic(405, "use POST on /container/{uid}/" + verb);
  if (auto done = (host_.*fn)(uid); !done) return from_error(done.error(), 409);
  auto st = host_.status(uid);
  if (!st) return from_error(st.error(), 404);
  return body(r, 204, status_to_json(*st));
}

}  // namespace tc::hostd
