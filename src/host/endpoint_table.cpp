#include "host/endpoint_table.hpp"

namespace tc::host {

namespace md = tc::metadata;

EndpointTable::EndpointTable(std::string uid, const md::Limits& limits,
                             std::shared_ptr<const md::PermissionTable> permissions,
                             const ServiceRouter& router, std::chrono::steady_clock::time_point epoch)
    : uid_(std::move(uid)), limits_(limits), slot_(std::move(permissions)), router_(router), epoch_(epoch) {}

EndpointTable::~EndpointTable() { close_all(); }

void EndpointTable::replace_permissions(std::shared_ptr<const md::PermissionTable> table) noexcept {
  slot_.replace(std::move(table));
  generation_.fetch_add(1, std::memory_order_release);
}

const md::PermissionTable& EndpointTable::table() noexcept {
  const std::uint64_t g = generation_.load(std::memory_order_acquire);
  if (g != cached_generation_) {
    cached_ = slot_.load();
    cached_generation_ = g;
  }
  return *cached_;
}

std::int32_t EndpointTable::deny(md::Decision d) noexcept {
  denials_.fetch_add(1, std::memory_order_relaxed);
  switch (d) {
    case md::Decision::wrong_direction: return abi::kWrongDirection;
    case md::Decision::wrong_peer: return abi::kWrongPeer;
    default: return abi::kDenied;
  }
}

EndpointTable::Handle* EndpointTable::handle_at(std::int32_t handle) noexcept {
  if (handle < 0 || static_cast<std::size_t>(handle) >= handles_.size()) return nullptr;
  Handle& h = handles_[static_cast<std::size_t>(handle)];
  return h.session ? &h : nullptr;
}

md::Decision EndpointTable::check(const Handle& h, md::Op op) noexcept {
  return table().check(h.endpoint_id, op, md::PeerRef{h.peer_type, h.peer, h.peer_endpoint});
}

std::int32_t EndpointTable::open(std::uint32_t endpoint_id) noexcept {
  count_call();
  const md::PermissionTable& t = table();
  if (const md::Decision d = t.check(endpoint_id, md::Op::open); d != md::Decision::allowed) return deny(d);
  const std::optional<md::GrantView> grant = t.find(endpoint_id);
  if (!grant) return deny(md::Decision::no_grant);
  Service* svc = router_.route(*grant);
  if (!svc) return abi::kUnavailable;
  try {
    std::size_t slot = 0;
    while (slot < handles_.size() && handles_[slot].session) ++slot;
    if (slot == kMaxHandles) return abi::kTooManyHandles;
    OpenResult r = svc->open(OpenRequest{uid_, *grant, &limits_});
    if (!r.session) return r.code < 0 ? r.code : abi::kUnavailable;
    if (slot == handles_.size()) {
      if (handles_.empty()) handles_.reserve(4);
      handles_.emplace_back();
    }
    Handle& h = handles_[slot];
    h.endpoint_id = endpoint_id;
    h.peer_type = grant->peer_type;
    h.peer.assign(grant->peer);
    h.peer_endpoint = grant->peer_endpoint;
    h.session = std::move(r.session);
    return static_cast<std::int32_t>(slot);
  } catch (...) {
    return abi::kIo;  // allocation failure on the host side
  }
}

std::int32_t EndpointTable::read(std::int32_t handle, std::span<std::uint8_t> guest,
                                 std::span<std::uint8_t> out) noexcept {
  count_call();
  Handle* h = handle_at(handle);
  if (!h) return abi::kBadHandle;
  if (const md::Decision d = check(*h, md::Op::read); d != md::Decision::allowed) return deny(d);
  try {
    return h->session->read(guest, out);
  } catch (...) {
    return abi::kIo;
  }
}

std::int32_t EndpointTable::write(std::int32_t handle, std::span<std::uint8_t> guest,
                                  std::span<const std::uint8_t> in) noexcept {
  count_call();
  Handle* h = handle_at(handle);
  if (!h) return abi::kBadHandle;
  if (const md::Decision d = check(*h, md::Op::write); d != md::Decision::allowed) return deny(d);
  try {
    return h->session->write(guest, in);
  } catch (...) {
    return abi::kIo;
  }
}

std::int32_t EndpointTable::call(std::int32_t handle, std::span<std::uint8_t> guest,
                                 std::span<const std::uint8_t> request,
                                 std::span<std::uint8_t> response) noexcept {
  count_call();
  Handle* h = handle_at(handle);
  if (!h) return abi::kBadHandle;
  if (const md::Decision d = check(*h, md::Op::write); d != md::Decision::allowed) return deny(d);
  if (check(*h, md::Op::read) != md::Decision::allowed) response = {};  // status-only call
  try {
    return h->session->call(guest, request, response);
  } catch (...) {
    return abi::kIo;
  }
}

std::int32_t EndpointTable::close(std::int32_t handle) noexcept {
  count_call();
  Handle* h = handle_at(handle);
  if (!h) return abi::kBadHandle;
  h->session.reset();
  h->peer.clear();
  return abi::kOk;
}

void EndpointTable::close_all() noexcept {
  for (Handle& h : handles_) h.session.reset();
  handles_.clear();
  handles_.shrink_to_fit();
}

std::int64_t EndpointTable::now_us() const noexcept {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - epoch_).count();
}

std::size_t EndpointTable::open_handles() const noexcept {
  std::size_t n = 0;
  for (const Handle& h : handles_) n += h.session ? 1 : 0;
  return n;
}

std::size_t EndpointTable::footprint() const noexcept {
  std::size_t n = sizeof(*this) + handles_.capacity() * sizeof(Handle) + uid_.capacity();
  if (cached_) n += cached_->footprint();
  return n;
}

}  // namespace tc::host
