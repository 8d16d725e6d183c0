// tinycontainer services — `mailbox` (host::kMailboxService): container-to-container
// messages through bounded queues of copies (no shared memory). wire.h "mailbox".
//
// Routing and peer matching (both sides must consent):
//  * Receiver B opens its grant {endpoint_id E, peer_type container, peer "A",
//    direction in|both}: this creates (or re-attaches to) B's inbound queue E, which
//    accepts messages from A only. Capacity = B's limits.mailbox_capacity messages, max
//    message = B's limits.mailbox_message_size bytes, as of B's latest open of E.
//  * Sender A opens its grant {peer_type container, peer "B", peer_endpoint E,
//    direction out|both}; write(msg) copies msg into B's queue E.
//  * A grant with direction both does both: it reads its own queue E and writes to the
//    peer's queue peer_endpoint.
// Results:
//  * write → msg size; abi::kUnavailable when B's queue E does not exist (B not loaded or
//    has not opened E yet — no queueing for absent receivers: the sender retries later);
//    abi::kWrongPeer when B's grant E names another sender; abi::kTooBig when msg exceeds
//    B's max message; abi::kFull when B's queue holds its capacity (capacity 0 → always).
//  * read → size of the oldest message (0 = an empty message), copied into out and
//    dequeued; abi::kEmpty when none; abi::kTooBig when out is smaller (message kept).
//  * call → abi::kUnsupported. open() with a non-container grant → abi::kInvalid.
//  * Queues live until on_container_removed(receiver) drops them with their messages;
//    closing a session keeps its queue (messages wait for the next open).
//  * Host-wide bound: the bytes queued in all queues together never exceed
//    `max_total_bytes` (default 64 MiB); a write that would → abi::kFull. (Per queue the
//    receiver's limits bound it; this bounds the sum over all receivers and endpoints.)
//  * O(log n) map lookups only on open and on a sender's first write (then cached);
//    reads/writes are O(1) + one copy. depth()/stats() are thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "host/service.hpp"

namespace tc::services {

struct MailboxQueueStats {
  std::size_t depth = 0;        // messages waiting
  std::uint64_t delivered = 0;  // accepted into the queue
  std::uint64_t refused = 0;    // full / too big / wrong peer
};

class MailboxService final : public host::Service {
 public:
  static constexpr std::uint64_t kDefaultMaxTotalBytes = 64ULL << 20;
  explicit MailboxService(std::uint64_t max_total_bytes = kDefaultMaxTotalBytes);
  ~MailboxService() override;
  [[nodiscard]] std::string_view name() const noexcept override { return host::kMailboxService; }
  host::OpenResult open(const host::OpenRequest& request) override;
  void on_container_removed(std::string_view container_uid) override;
  [[nodiscard]] std::optional<MailboxQueueStats> stats(std::string_view receiver_uid,
                                                       std::uint32_t endpoint) const;
  [[nodiscard]] std::uint64_t queued_bytes() const;  // all queues

  struct State;

 private:
  std::shared_ptr<State> state_;
};

}  // namespace tc::services
