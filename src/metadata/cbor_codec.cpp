#include "metadata/cbor_codec.hpp"

#include <array>

#include "metadata/cbor_fields.hpp"
#include "metadata/enum_names.hpp"
#include "metadata/try.hpp"
#include "metadata/validate.hpp"

namespace tc::metadata {
namespace {

enum Top : std::uint64_t {
  kVersion = 1,
  kRevision,
  kUid,
  kName,
  kRuntime,
  kCode,
  kData,
  kScheduling,
  kLimits,
  kEndpoints,
  kIntegrity
};
constexpr std::array<FieldSpec, 11> kTopFields{{{kVersion, "version"},
                                                {kRevision, "revision"},
                                                {kUid, "uid"},
                                                {kName, "name"},
                                                {kRuntime, "runtime"},
                                                {kCode, "code"},
                                                {kData, "data"},
                                                {kScheduling, "scheduling"},
                                                {kLimits, "limits"},
                                                {kEndpoints, "endpoints"},
                                                {kIntegrity, "integrity"}}};

enum Sched : std::uint64_t { kStart = 1, kPeriod, kLoopMax, kLifetime, kStop, kPriority, kOverrun };
constexpr std::array<FieldSpec, 7> kSchedFields{{{kStart, "start_max_duration"},
                                                 {kPeriod, "loop_period"},
                                                 {kLoopMax, "loop_max_duration"},
                                                 {kLifetime, "loop_max_lifetime"},
                                                 {kStop, "stop_max_duration"},
                                                 {kPriority, "priority"},
                                                 {kOverrun, "overrun"}}};

enum Lim : std::uint64_t { kPages = 1, kDepth, kQuota, kMailCap, kMailMsg };
constexpr std::array<FieldSpec, 5> kLimitFields{{{kPages, "memory_pages"},
                                                 {kDepth, "call_depth"},
                                                 {kQuota, "storage_quota"},
                                                 {kMailCap, "mailbox_capacity"},
                                                 {kMailMsg, "mailbox_message_size"}}};

enum Ep : std::uint64_t { kEpId = 1, kPeerType, kPeer, kPeerEp, kDirection };
constexpr std::array<FieldSpec, 5> kEndpointFields{{{kEpId, "endpoint_id"},
                                                    {kPeerType, "peer_type"},
                                                    {kPeer, "peer"},
                                                    {kPeerEp, "peer_endpoint"},
                                                    {kDirection, "direction"}}};

enum Integ : std::uint64_t { kCodeSha = 1, kDataSha };
constexpr std::array<FieldSpec, 2> kIntegrityFields{
    {{kCodeSha, "code_sha256"}, {kDataSha, "data_sha256"}}};

Result<Scheduling> scheduling_from_cbor(const cbor_item_t* item) {
  TC_TRY(o, CborObject::read(item, "scheduling", kSchedFields));
  TC_TRY(start, o->get_duration(kStart));
  TC_TRY(period, o->get_duration(kPeriod));
  TC_TRY(loop_max, o->get_duration(kLoopMax));
  TC_TRY(lifetime, o->get_uint(kLifetime, UINT64_MAX));
  TC_TRY(stop, o->get_duration(kStop));
  TC_TRY(priority, o->get_uint(kPriority, kMaxPriority));
  TC_TRY(overrun,
         get_enum<OverrunPolicy>(*o, kOverrun, overrun_policy_from_int, overrun_policy_names()));
  if (!*period) return o->missing(kPeriod);
  Scheduling s;
  s.loop_period = **period;
  s.loop_max_duration = loop_max->value_or(s.loop_period);
  if (*start) s.start_max_duration = **start;
  if (*stop) s.stop_max_duration = **stop;
  if (*lifetime) s.loop_max_lifetime = **lifetime;
  if (*priority) s.priority = static_cast<std::uint8_t>(**priority);
  if (*overrun) s.overrun = **overrun;
  return s;
}

Result<Limits> limits_from_cbor(const cbor_item_t* item) {
  TC_TRY(o, CborObject::read(item, "limits", kLimitFields));
  TC_TRY(pages, o->get_uint(kPages, UINT32_MAX));
  TC_TRY(depth, o->get_uint(kDepth, UINT32_MAX));
  TC_TRY(quota, o->get_uint(kQuota, UINT64_MAX));
  TC_TRY(cap, o->get_uint(kMailCap, UINT32_MAX));
  TC_TRY(msg, o->get_uint(kMailMsg, UINT32_MAX));
  Limits l;
  if (*pages) l.memory_pages = static_cast<std::uint32_t>(**pages);
  if (*depth) l.call_depth = static_cast<std::uint32_t>(**depth);
  if (*quota) l.storage_quota = **quota;
  if (*cap) l.mailbox_capacity = static_cast<std::uint32_t>(**cap);
  if (*msg) l.mailbox_message_size = static_cast<std::uint32_t>(**msg);
  return l;
}

Result<Integrity> integrity_from_cbor(const cbor_item_t* item) {
  TC_TRY(o, CborObject::read(item, "integrity", kIntegrityFields));
  TC_TRY(code, o->get_sha256(kCodeSha));
  TC_TRY(data, o->get_sha256(kDataSha));
  return Integrity{*code, *data};
}

Result<std::vector<Endpoint>> endpoints_from_cbor(const cbor_item_t* item) {
  if (!cbor_isa_array(item)) return cbor_wrong_type(item, "endpoints", "an array");
  const std::size_t n = cbor_array_size(item);
  if (n > kMaxEndpoints)
    return field_error("endpoints", std::to_string(n) + " endpoints exceed the maximum of " +
                                        std::to_string(kMaxEndpoints));
  cbor_item_t** items = cbor_array_handle(item);
  std::vector<Endpoint> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    TC_TRY(e, endpoint_from_cbor(items[i], "endpoints[" + std::to_string(i) + "]"));
    out.push_back(std::move(*e));
  }
  return out;
}

Result<Identity> identity_from_cbor(const CborObject& o) {
  TC_TRY(uid, o.get_text(kUid));
  TC_TRY(name, o.get_text(kName));
  TC_TRY(runtime, o.get_text(kRuntime));
  TC_TRY(code, o.get_text(kCode));
  TC_TRY(data, o.get_text(kData));
  if (!*uid) return o.missing(kUid);
  if (!*runtime) return o.missing(kRuntime);
  if (!*code) return o.missing(kCode);
  Identity id;
  id.uid = std::move(**uid);
  id.name = name->value_or(id.uid);
  id.runtime = std::move(**runtime);
  id.code.ref = std::move(**code);
  if (*data) id.data = BlobRef{std::move(**data)};
  return id;
}

CborItem duration(std::chrono::microseconds d) {
  return cbor_uint(static_cast<std::uint64_t>(d.count()));
}

CborItem scheduling_to_cbor(const Scheduling& s) {
  MapBuilder b;
  b.add(kStart, duration(s.start_max_duration))
      .add(kPeriod, duration(s.loop_period))
      .add(kLoopMax, duration(s.loop_max_duration))
      .add(kLifetime, cbor_uint(s.loop_max_lifetime))
      .add(kStop, duration(s.stop_max_duration))
      .add(kPriority, cbor_uint(s.priority))
      .add(kOverrun, cbor_uint(static_cast<std::uint64_t>(s.overrun)));
  return b.build();
}

CborItem limits_to_cbor(const Limits& l) {
  MapBuilder b;
  b.add(kPages, cbor_uint(l.memory_pages))
      .add(kDepth, cbor_uint(l.call_depth))
      .add(kQuota, cbor_uint(l.storage_quota))
      .add(kMailCap, cbor_uint(l.mailbox_capacity))
      .add(kMailMsg, cbor_uint(l.mailbox_message_size));
  return b.build();
}

CborItem integrity_to_cbor(const Integrity& i) {
  MapBuilder b;
  if (i.code_sha256) b.add(kCodeSha, cbor_bytes(*i.code_sha256));
  if (i.data_sha256) b.add(kDataSha, cbor_bytes(*i.data_sha256));
  return b.build();
}

}  // namespace

Result<Endpoint> endpoint_from_cbor(const cbor_item_t* item, std::string path) {
  TC_TRY(o, CborObject::read(item, std::move(path), kEndpointFields));
  TC_TRY(id, o->get_uint(kEpId, UINT32_MAX));
  TC_TRY(type, get_enum<PeerType>(*o, kPeerType, peer_type_from_int, peer_type_names()));
  TC_TRY(peer, o->get_text(kPeer));
  TC_TRY(peer_ep, o->get_uint(kPeerEp, UINT32_MAX));
  TC_TRY(dir, get_enum<Direction>(*o, kDirection, direction_from_int, direction_names()));
  if (!*id) return o->missing(kEpId);
  if (!*type) return o->missing(kPeerType);
  if (!*peer) return o->missing(kPeer);
  if (!*dir) return o->missing(kDirection);
  Endpoint e{static_cast<std::uint32_t>(**id), **type, std::move(**peer),
             static_cast<std::uint32_t>(peer_ep->value_or(0)), **dir};
  if (auto r = validate_endpoint(e, o->path()); !r) return std::unexpected(r.error());
  return e;
}

std::span<const FieldSpec> scheduling_cbor_fields() noexcept {
  return kSchedFields;
}

CborItem endpoint_to_cbor(const Endpoint& e) {
  MapBuilder b;
  b.add(kEpId, cbor_uint(e.endpoint_id))
      .add(kPeerType, cbor_uint(static_cast<std::uint64_t>(e.peer_type)))
      .add(kPeer, cbor_text(e.peer))
      .add(kPeerEp, cbor_uint(e.peer_endpoint))
      .add(kDirection, cbor_uint(static_cast<std::uint64_t>(e.direction)));
  return b.build();
}

Result<Metadata> metadata_from_cbor(const cbor_item_t* item, const RuntimeTypes& runtimes) {
  TC_TRY(o, CborObject::read(item, "", kTopFields));
  TC_TRY(version, o->get_uint(kVersion, UINT32_MAX));
  TC_TRY(revision, o->get_uint(kRevision, UINT64_MAX));
  if (!*version) return o->missing(kVersion);
  Metadata m;
  m.version = static_cast<std::uint32_t>(**version);
  m.revision = revision->value_or(0);
  TC_TRY(identity, identity_from_cbor(*o));
  m.identity = std::move(*identity);
  const cbor_item_t* sched = o->get(kScheduling);
  if (sched == nullptr) return o->missing(kScheduling);
  TC_TRY(s, scheduling_from_cbor(sched));
  m.scheduling = *s;
  if (const cbor_item_t* v = o->get(kLimits)) {
    TC_TRY(l, limits_from_cbor(v));
    m.limits = *l;
  }
  if (const cbor_item_t* v = o->get(kEndpoints)) {
    TC_TRY(eps, endpoints_from_cbor(v));
    m.endpoints = std::move(*eps);
  }
  if (const cbor_item_t* v = o->get(kIntegrity)) {
    TC_TRY(i, integrity_from_cbor(v));
    m.integrity = *i;
  }
  if (auto r = validate(m, runtimes); !r) return std::unexpected(r.error());
  return m;
}

Result<Metadata> decode_cbor(std::span<const std::uint8_t> bytes, const RuntimeTypes& runtimes) {
  TC_TRY(item, parse_cbor(bytes));
  return metadata_from_cbor(item->get(), runtimes);
}

CborItem metadata_to_cbor(const Metadata& m) {
  MapBuilder b;
  b.add(kVersion, cbor_uint(m.version))
      .add(kRevision, cbor_uint(m.revision))
      .add(kUid, cbor_text(m.identity.uid))
      .add(kName, cbor_text(m.identity.name))
      .add(kRuntime, cbor_text(m.identity.runtime))
      .add(kCode, cbor_text(m.identity.code.ref));
  if (m.identity.data) b.add(kData, cbor_text(m.identity.data->ref));
  std::vector<CborItem> eps;
  eps.reserve(m.endpoints.size());
  for (const auto& e : m.endpoints) eps.push_back(endpoint_to_cbor(e));
  b.add(kScheduling, scheduling_to_cbor(m.scheduling))
      .add(kLimits, limits_to_cbor(m.limits))
      .add(kEndpoints, cbor_array(std::move(eps)))
      .add(kIntegrity, integrity_to_cbor(m.integrity));
  return b.build();
}

Bytes encode_cbor(const Metadata& m) {
  return serialize(metadata_to_cbor(m).get());
}

Sha256 metadata_digest(const Metadata& m) {
  return sha256_of(encode_cbor(m));
}

}  // namespace tc::metadata
