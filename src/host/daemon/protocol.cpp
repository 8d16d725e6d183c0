#include "host/daemon/protocol.hpp"

#include "host/daemon/request_fields.hpp"
#include "host/daemon/status_json.hpp"

// Unwrap a Result or return its error (this file only).
#define HOSTD_TRY(var, expr) \
  auto var = (expr);         \
  if (!var) return std::unexpected(var.error())

namespace tc::hostd {
namespace {

using nlohmann::json;

json ok(json body = json::object()) {
  body["ok"] = true;
  return body;
}

Result<json> status_of(host::HostControl& h, const std::string& uid) {
  HOSTD_TRY(s, h.status(uid));
  return ok({{"status", status_to_json(*s)}});
}

using Transition = Result<void> (host::HostControl::*)(std::string_view);

Result<json> transition(host::HostControl& h, const json& r, Transition fn, bool report) {
  HOSTD_TRY(fields, check_fields(r, {"op", "uid"}));
  HOSTD_TRY(uid, get_string(r, "uid"));
  HOSTD_TRY(done, (h.*fn)(*uid));
  if (!report) return ok();
  return status_of(h, *uid);
}

Result<host::LoadRequest> load_request(const json& r) {
  HOSTD_TRY(metadata, get_bytes(r, "metadata", true));
  HOSTD_TRY(code, get_bytes(r, "code", true));
  HOSTD_TRY(data, get_bytes(r, "data", false));
  return host::LoadRequest{std::move(*metadata), std::move(*code), std::move(*data)};
}

}  // namespace

json error_response(const Error& e) { return {{"ok", false}, {"error", error_to_json(e)}}; }

std::string dump_line(const json& j) {
  // Invalid UTF-8 in a message (e.g. echoed input) is replaced, never an exception.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

json ControlProtocol::handle(const json& request) {
  Result<json> r = dispatch(request);
  return r ? std::move(*r) : error_response(r.error());
}

std::string ControlProtocol::handle_line(std::string_view line) {
  json request = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (request.is_discarded())
    return dump_line(error_response(Error{Phase::usage, "request is not valid JSON", 0}));
  return dump_line(handle(request));
}

Result<json> ControlProtocol::dispatch(const json& r) {
  if (!r.is_object()) return make_error(Phase::usage, "request must be a JSON object");
  HOSTD_TRY(op, get_string(r, "op"));
  const std::string& o = *op;
  if (o == "load") return load(r);
  if (o == "update") return update(r);
  if (o == "start") return transition(host_, r, &host::HostControl::start, true);
  if (o == "stop") return transition(host_, r, &host::HostControl::stop, true);
  if (o == "suspend") return transition(host_, r, &host::HostControl::suspend, true);
  if (o == "resume") return transition(host_, r, &host::HostControl::resume, true);
  if (o == "remove") return transition(host_, r, &host::HostControl::remove, false);
  if (o == "status") {
    HOSTD_TRY(fields, check_fields(r, {"op", "uid"}));
    HOSTD_TRY(uid, get_string(r, "uid"));
    return status_of(host_, *uid);
  }
  if (o == "list") {
    HOSTD_TRY(fields, check_fields(r, {"op"}));
    json all = json::array();
    for (const auto& s : host_.list()) all.push_back(status_to_json(s));
    return ok({{"containers", std::move(all)}});
  }
  if (o == "reconfigure") {
    HOSTD_TRY(fields, check_fields(r, {"op", "document"}));
    HOSTD_TRY(doc, get_bytes(r, "document", true));
    HOSTD_TRY(done, host_.reconfigure(*doc));
    return ok();
  }
  if (o == "wait") return wait(r);
  if (o == "logs") return logs(r);
  return make_error(Phase::usage, "unknown op '" + o +
                                      "' (load, update, start, stop, suspend, resume, remove, "
                                      "reconfigure, status, list, wait, logs)");
}

Result<json> ControlProtocol::load(const json& r) {
  HOSTD_TRY(fields, check_fields(r, {"op", "metadata", "code", "data", "start"}));
  HOSTD_TRY(start, get_bool(r, "start"));
  HOSTD_TRY(req, load_request(r));
  HOSTD_TRY(uid, host_.load(*req));
  if (*start) {
    if (auto s = host_.start(*uid); !s) {
      (void)host_.remove(*uid);  // all-or-nothing: a load that cannot start leaves nothing
      return std::unexpected(s.error());
    }
  }
  HOSTD_TRY(st, host_.status(*uid));
  return ok({{"uid", *uid}, {"status", status_to_json(*st)}});
}

Result<json> ControlProtocol::update(const json& r) {
  HOSTD_TRY(fields, check_fields(r, {"op", "uid", "metadata", "code", "data", "restart"}));
  HOSTD_TRY(uid, get_string(r, "uid"));
  HOSTD_TRY(restart, get_bool(r, "restart"));
  HOSTD_TRY(req, load_request(r));
  HOSTD_TRY(done, host_.update(*uid, *req, *restart));
  return status_of(host_, *uid);
}

Result<json> ControlProtocol::wait(const json& r) {
  HOSTD_TRY(fields, check_fields(r, {"op", "uid", "timeout_ms"}));
  HOSTD_TRY(uid, get_string(r, "uid"));
  HOSTD_TRY(timeout, get_uint(r, "timeout_ms"));
  using clock = std::chrono::steady_clock;
  const bool forever = !timeout->has_value();
  const auto deadline =
      clock::now() + std::chrono::milliseconds(forever ? 0 : std::min<std::uint64_t>(
                                                                  **timeout, 365ull * 86400000));
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now());
    auto slice = forever ? kWaitSlice : std::clamp(left, std::chrono::milliseconds(0), kWaitSlice);
    HOSTD_TRY(st, host_.wait(*uid, slice));
    const bool expired = !forever && clock::now() >= deadline;
    if (!st->timed_out || expired) return ok({{"status", status_to_json(*st)}});
    if (stopping_ && stopping_->load())
      return make_error(Phase::usage, "daemon is shutting down: wait abandoned");
  }
}

Result<json> ControlProtocol::logs(const json& r) {
  HOSTD_TRY(fields, check_fields(r, {"op", "uid"}));
  HOSTD_TRY(uid, get_string(r, "uid"));
  HOSTD_TRY(st, host_.status(*uid));  // an unknown uid is an error, not an empty log
  json lines = json::array();
  if (logs_)
    for (auto& l : logs_->lines(*uid)) lines.push_back(std::move(l));
  json out = ok({{"lines", std::move(lines)}});
  if (auto o = host_.output(*uid)) {  // captured stdout/stderr (WASI fds 1 and 2)
    out["stdout"] = o->out.data;
    out["stderr"] = o->err.data;
  }
  return out;
}

}  // namespace tc::hostd
