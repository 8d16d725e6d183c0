#include <array>

#include "metadata/cbor_codec.hpp"
#include "metadata/cbor_fields.hpp"
#include "metadata/enum_names.hpp"
#include "metadata/reconfiguration_codec.hpp"
#include "metadata/try.hpp"

namespace tc::metadata {
namespace {

enum Key : std::uint64_t { kVersion = 1, kUid, kRevision, kScheduling, kGrant, kRevoke };
constexpr std::array<FieldSpec, 6> kFields{{{kVersion, "version"},
                                            {kUid, "uid"},
                                            {kRevision, "revision"},
                                            {kScheduling, "scheduling"},
                                            {kGrant, "grant"},
                                            {kRevoke, "revoke"}}};

// Keys of the scheduling map (cbor_codec.hpp scheduling_cbor_fields).
enum Sched : std::uint64_t { kStart = 1, kPeriod, kLoopMax, kLifetime, kStop, kPriority, kOverrun };

Result<SchedulingChange> change_from_cbor(const cbor_item_t* item) {
  TC_TRY(o, CborObject::read(item, "scheduling", scheduling_cbor_fields()));
  TC_TRY(start, o->get_duration(kStart));
  TC_TRY(period, o->get_duration(kPeriod));
  TC_TRY(loop_max, o->get_duration(kLoopMax));
  TC_TRY(lifetime, o->get_uint(kLifetime, UINT64_MAX));
  TC_TRY(stop, o->get_duration(kStop));
  TC_TRY(priority, o->get_uint(kPriority, kMaxPriority));
  TC_TRY(overrun,
         get_enum<OverrunPolicy>(*o, kOverrun, overrun_policy_from_int, overrun_policy_names()));
  SchedulingChange c;
  c.start_max_duration = *start;
  c.loop_period = *period;
  c.loop_max_duration = *loop_max;
  c.loop_max_lifetime = *lifetime;
  c.stop_max_duration = *stop;
  if (*priority) c.priority = static_cast<std::uint8_t>(**priority);
  c.overrun = *overrun;
  return c;
}

Result<std::vector<Endpoint>> grants_from_cbor(const cbor_item_t* item) {
  if (!cbor_isa_array(item)) return cbor_wrong_type(item, "grant", "an array");
  const std::size_t n = cbor_array_size(item);
  if (n > kMaxEndpoints) return field_error("grant", "too many entries");
  cbor_item_t** items = cbor_array_handle(item);
  std::vector<Endpoint> out;
  for (std::size_t i = 0; i < n; ++i) {
    TC_TRY(e, endpoint_from_cbor(items[i], "grant[" + std::to_string(i) + "]"));
    out.push_back(std::move(*e));
  }
  return out;
}

Result<std::vector<std::uint32_t>> revokes_from_cbor(const cbor_item_t* item) {
  if (!cbor_isa_array(item)) return cbor_wrong_type(item, "revoke", "an array");
  const std::size_t n = cbor_array_size(item);
  if (n > kMaxEndpoints) return field_error("revoke", "too many entries");
  cbor_item_t** items = cbor_array_handle(item);
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < n; ++i) {
    const std::string p = "revoke[" + std::to_string(i) + "]";
    if (!is_uint(items[i])) return cbor_wrong_type(items[i], p, "an endpoint id");
    if (uint_value(items[i]) > UINT32_MAX) return field_error(p, "out of range");
    out.push_back(static_cast<std::uint32_t>(uint_value(items[i])));
  }
  return out;
}

CborItem change_to_cbor(const SchedulingChange& c) {
  const auto us = [](std::chrono::microseconds d) {
    return cbor_uint(static_cast<std::uint64_t>(d.count()));
  };
  MapBuilder b;
  if (c.start_max_duration) b.add(kStart, us(*c.start_max_duration));
  if (c.loop_period) b.add(kPeriod, us(*c.loop_period));
  if (c.loop_max_duration) b.add(kLoopMax, us(*c.loop_max_duration));
  if (c.loop_max_lifetime) b.add(kLifetime, cbor_uint(*c.loop_max_lifetime));
  if (c.stop_max_duration) b.add(kStop, us(*c.stop_max_duration));
  if (c.priority) b.add(kPriority, cbor_uint(*c.priority));
  if (c.overrun) b.add(kOverrun, cbor_uint(static_cast<std::uint64_t>(*c.overrun)));
  return b.build();
}

}  // namespace

Result<Reconfiguration> decode_reconfiguration_cbor(std::span<const std::uint8_t> bytes) {
  TC_TRY(root, parse_cbor(bytes));
  TC_TRY(o, CborObject::read(root->get(), "", kFields));
  TC_TRY(version, o->get_uint(kVersion, UINT32_MAX));
  TC_TRY(uid, o->get_text(kUid));
  TC_TRY(revision, o->get_uint(kRevision, UINT64_MAX));
  if (!*version) return o->missing(kVersion);
  if (!*uid) return o->missing(kUid);
  if (!*revision) return o->missing(kRevision);
  Reconfiguration r;
  r.version = static_cast<std::uint32_t>(**version);
  r.uid = std::move(**uid);
  r.revision = **revision;
  if (const cbor_item_t* v = o->get(kScheduling)) {
    TC_TRY(c, change_from_cbor(v));
    r.scheduling = *c;
  }
  if (const cbor_item_t* v = o->get(kGrant)) {
    TC_TRY(g, grants_from_cbor(v));
    r.grant = std::move(*g);
  }
  if (const cbor_item_t* v = o->get(kRevoke)) {
    TC_TRY(x, revokes_from_cbor(v));
    r.revoke = std::move(*x);
  }
  if (auto v = validate_request(r); !v) return std::unexpected(v.error());
  return r;
}

Bytes encode_reconfiguration_cbor(const Reconfiguration& r) {
  std::vector<CborItem> grants;
  for (const auto& e : r.grant) grants.push_back(endpoint_to_cbor(e));
  std::vector<CborItem> revokes;
  for (auto id : r.revoke) revokes.push_back(cbor_uint(id));
  MapBuilder b;
  b.add(kVersion, cbor_uint(r.version))
      .add(kUid, cbor_text(r.uid))
      .add(kRevision, cbor_uint(r.revision))
      .add(kScheduling, change_to_cbor(r.scheduling))
      .add(kGrant, cbor_array(std::move(grants)))
      .add(kRevoke, cbor_array(std::move(revokes)));
  return serialize(b.build().get());
}

Result<LoadedReconfiguration> load_reconfiguration(std::span<const std::uint8_t> bytes,
                                                   const KeyStore& keys, const LoadPolicy& policy) {
  const DocumentForm form = detect_form(bytes);
  if (form == DocumentForm::cose) {
    TC_TRY(verified, cose_verify(bytes, keys, kReconfigurationAad));
    auto r = decode_reconfiguration_cbor(verified->payload);
    if (!r) return make_error(Phase::config, "signed payload: " + r.error().message);
    if (encode_reconfiguration_cbor(*r) != verified->payload)
      return make_error(Phase::security, "signed payload is not in canonical CBOR form");
    return LoadedReconfiguration{std::move(*r), verified->kid};
  }
  if (policy.require_signature)
    return make_error(Phase::security,
                      "unsigned reconfiguration refused: the host policy requires a signature");
  auto r =
      form == DocumentForm::json
          ? decode_reconfiguration_json({reinterpret_cast<const char*>(bytes.data()), bytes.size()})
          : decode_reconfiguration_cbor(bytes);
  if (!r) return std::unexpected(r.error());
  return LoadedReconfiguration{std::move(*r), std::nullopt};
}

Result<Bytes> sign_reconfiguration(const Reconfiguration& r, std::string_view kid,
                                   const SigningKey& key) {
  return cose_protect(encode_reconfiguration_cbor(r), kid, key, kReconfigurationAad);
}

}  // namespace tc::metadata
