#include "services/mailbox_service.hpp"

#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace tc::services {

namespace abi = host::abi;
using metadata::Direction;

namespace {

struct Queue {
  std::string sender;  // the only uid allowed to write (the receiver's grant peer)
  std::uint32_t capacity = 0;
  std::uint32_t max_message = 0;
  bool removed = false;  // the receiver was removed: senders must look up again
  std::deque<std::vector<std::uint8_t>> messages;
  MailboxQueueStats stats;
};

using Inbox = std::map<std::uint32_t, std::shared_ptr<Queue>>;

bool has(Direction d, Direction bit) {
  return (static_cast<unsigned>(d) & static_cast<unsigned>(bit)) != 0;
}

}  // namespace

struct MailboxService::State {
  std::uint64_t max_total_bytes = 0;
  std::uint64_t total_bytes = 0;  // queued in all queues
  mutable std::mutex mu;
  std::map<std::string, Inbox, std::less<>> inboxes;  // receiver uid → endpoint → queue

  std::shared_ptr<Queue> find(std::string_view uid, std::uint32_t endpoint) const {
    const auto it = inboxes.find(uid);
    if (it == inboxes.end()) return nullptr;
    const auto q = it->second.find(endpoint);
    return q == it->second.end() ? nullptr : q->second;
  }
};

namespace {

class MailboxSession final : public host::Session {
 public:
  MailboxSession(std::shared_ptr<MailboxService::State> s, std::string self, std::string peer,
                 std::uint32_t peer_endpoint, std::shared_ptr<Queue> inbound)
      : state_(std::move(s)), self_(std::move(self)), peer_(std::move(peer)),
        peer_endpoint_(peer_endpoint), inbound_(std::move(inbound)) {}

  std::int32_t write(std::span<std::uint8_t>, std::span<const std::uint8_t> in) override {
    const std::lock_guard lock(state_->mu);
    if (!outbound_ || outbound_->removed) {
      outbound_ = state_->find(peer_, peer_endpoint_);
      if (!outbound_) return abi::kUnavailable;
    }
    Queue& q = *outbound_;
    std::int32_t code = abi::kOk;
    if (q.sender != self_) code = abi::kWrongPeer;
    else if (in.size() > q.max_message) code = abi::kTooBig;
    else if (q.messages.size() >= q.capacity ||
             state_->total_bytes + in.size() > state_->max_total_bytes)
      code = abi::kFull;
    if (code != abi::kOk) {
      ++q.stats.refused;
      return code;
    }
    q.messages.emplace_back(in.begin(), in.end());
    state_->total_bytes += in.size();
    ++q.stats.delivered;
    return static_cast<std::int32_t>(in.size());
  }

  std::int32_t read(std::span<std::uint8_t>, std::span<std::uint8_t> out) override {
    if (!inbound_) return abi::kEmpty;  // an out-only grant has no queue
    const std::lock_guard lock(state_->mu);
    if (inbound_->messages.empty()) return abi::kEmpty;
    const auto& m = inbound_->messages.front();
    if (m.size() > out.size()) return abi::kTooBig;
    const auto n = static_cast<std::int32_t>(m.size());
    if (!m.empty()) std::memcpy(out.data(), m.data(), m.size());
    inbound_->messages.pop_front();
    state_->total_bytes -= static_cast<std::uint64_t>(n);
    return n;
  }

 private:
  std::shared_ptr<MailboxService::State> state_;
  std::string self_;
  std::string peer_;
  std::uint32_t peer_endpoint_;
  std::shared_ptr<Queue> inbound_;   // own queue (grants with `in`)
  std::shared_ptr<Queue> outbound_;  // cached peer queue (grants with `out`)
};

}  // namespace

MailboxService::MailboxService(std::uint64_t max_total_bytes)
    : state_(std::make_shared<State>()) {
  state_->max_total_bytes = max_total_bytes;
}
MailboxService::~MailboxService() = default;

host::OpenResult MailboxService::open(const host::OpenRequest& request) {
  const auto& g = request.grant;
  if (g.peer_type != metadata::PeerType::container || g.peer.empty())
    return {nullptr, abi::kInvalid};
  const metadata::Limits limits = request.limits ? *request.limits : metadata::Limits{};
  std::shared_ptr<Queue> inbound;
  if (has(g.direction, Direction::in)) {
    const std::lock_guard lock(state_->mu);
    auto& inbox = state_->inboxes[std::string(request.container_uid)];
    auto& slot = inbox[g.endpoint_id];
    if (!slot) slot = std::make_shared<Queue>();
    slot->sender.assign(g.peer);  // the latest grant decides (reconfiguration)
    slot->capacity = limits.mailbox_capacity;
    slot->max_message = limits.mailbox_message_size;
    inbound = slot;
  }
  return {std::make_unique<MailboxSession>(state_, std::string(request.container_uid),
                                           std::string(g.peer), g.peer_endpoint,
                                           std::move(inbound)),
          abi::kOk};
}

void MailboxService::on_container_removed(std::string_view container_uid) {
  const std::lock_guard lock(state_->mu);
  const auto it = state_->inboxes.find(container_uid);
  if (it == state_->inboxes.end()) return;
  for (auto& [endpoint, q] : it->second) {
    q->removed = true;
    for (const auto& m : q->messages) state_->total_bytes -= m.size();
    q->messages.clear();
  }
  state_->inboxes.erase(it);
}

std::optional<MailboxQueueStats> MailboxService::stats(std::string_view receiver_uid,
                                                       std::uint32_t endpoint) const {
  const std::lock_guard lock(state_->mu);
  const auto q = state_->find(receiver_uid, endpoint);
  if (!q) return std::nullopt;
  MailboxQueueStats s = q->stats;
  s.depth = q->messages.size();
  return s;
}

std::uint64_t MailboxService::queued_bytes() const {
  const std::lock_guard lock(state_->mu);
  return state_->total_bytes;
}

}  // namespace tc::services
