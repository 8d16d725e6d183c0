#include "services/mailbox_service.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "service_test_util.hpp"

namespace tc::services {
namespace {

namespace abi = host::abi;
using metadata::Direction;
using testing::bytes_of;

std::unique_ptr<host::Session> open_peer(MailboxService& mb, std::string_view self,
                                         std::uint32_t endpoint_id, std::string_view peer,
                                         std::uint32_t peer_endpoint, Direction dir,
                                         const metadata::Limits& limits = {}) {
  host::OpenRequest r;
  r.container_uid = self;
  r.grant = {endpoint_id, metadata::PeerType::container, peer, peer_endpoint, dir};
  r.limits = &limits;
  auto res = mb.open(r);
  EXPECT_EQ(res.code, abi::kOk);
  return std::move(res.session);
}

std::string recv(host::Session& s, std::size_t cap = 256) {
  std::vector<std::uint8_t> mem, buf(cap);
  const std::int32_t n = s.read(mem, buf);
  if (n < 0) return "#" + std::to_string(n);
  return std::string(reinterpret_cast<const char*>(buf.data()), static_cast<std::size_t>(n));
}

std::int32_t send(host::Session& s, std::string_view msg) {
  std::vector<std::uint8_t> mem;
  return s.write(mem, bytes_of(msg));
}

const std::string kEmpty = "#" + std::to_string(abi::kEmpty);

TEST(MailboxService, ProducerToConsumerInOrderAsCopies) {
  MailboxService mb;
  EXPECT_EQ(mb.name(), "mailbox");
  auto consumer = open_peer(mb, "b", 5, "a", 0, Direction::in);
  auto producer = open_peer(mb, "a", 1, "b", 5, Direction::out);
  std::string msg = "hello";
  EXPECT_EQ(send(*producer, msg), 5);
  msg[0] = 'J';  // the queue holds a copy
  EXPECT_EQ(send(*producer, "second"), 6);
  EXPECT_EQ(send(*producer, ""), 0);  // empty messages are messages
  EXPECT_EQ(recv(*consumer), "hello");
  EXPECT_EQ(recv(*consumer), "second");
  EXPECT_EQ(recv(*consumer), "");
  EXPECT_EQ(recv(*consumer), kEmpty);
  EXPECT_EQ(mb.stats("b", 5)->delivered, 3u);
}

TEST(MailboxService, FullAtTheReceiversCapacity) {
  MailboxService mb;
  metadata::Limits lim;
  lim.mailbox_capacity = 2;
  auto consumer = open_peer(mb, "b", 5, "a", 0, Direction::in, lim);
  auto producer = open_peer(mb, "a", 1, "b", 5, Direction::out);
  EXPECT_EQ(send(*producer, "1"), 1);
  EXPECT_EQ(send(*producer, "2"), 1);
  EXPECT_EQ(send(*producer, "3"), abi::kFull);
  EXPECT_EQ(mb.stats("b", 5)->depth, 2u);
  EXPECT_EQ(mb.stats("b", 5)->refused, 1u);
  EXPECT_EQ(recv(*consumer), "1");
  EXPECT_EQ(send(*producer, "3"), 1);
  EXPECT_EQ(recv(*consumer), "2");
  EXPECT_EQ(recv(*consumer), "3");
  lim.mailbox_capacity = 0;
  auto none = open_peer(mb, "z", 1, "a", 0, Direction::in, lim);
  auto to_none = open_peer(mb, "a", 2, "z", 1, Direction::out);
  EXPECT_EQ(send(*to_none, "x"), abi::kFull);
}

TEST(MailboxService, TooBigForTheReceiverOrTheReadBuffer) {
  MailboxService mb;
  metadata::Limits lim;
  lim.mailbox_message_size = 8;
  auto consumer = open_peer(mb, "b", 5, "a", 0, Direction::in, lim);
  auto producer = open_peer(mb, "a", 1, "b", 5, Direction::out);
  EXPECT_EQ(send(*producer, "123456789"), abi::kTooBig);
  EXPECT_EQ(send(*producer, "12345678"), 8);
  EXPECT_EQ(recv(*consumer, 4), "#" + std::to_string(abi::kTooBig));
  EXPECT_EQ(recv(*consumer, 8), "12345678");  // it stayed queued
}

TEST(MailboxService, UnavailableUntilTheReceiverOpensAndWrongPeerRefused) {
  MailboxService mb;
  auto producer = open_peer(mb, "a", 1, "b", 5, Direction::out);
  EXPECT_EQ(send(*producer, "early"), abi::kUnavailable);
  auto consumer = open_peer(mb, "b", 5, "a", 0, Direction::in);
  EXPECT_EQ(send(*producer, "now"), 3);
  // c is not the sender b's grant names: refused even though c's own grant says b/5.
  auto intruder = open_peer(mb, "c", 1, "b", 5, Direction::out);
  EXPECT_EQ(send(*intruder, "spoof"), abi::kWrongPeer);
  EXPECT_EQ(recv(*consumer), "now");
  EXPECT_EQ(recv(*consumer), kEmpty);
  // An out-only grant has no inbound queue.
  EXPECT_EQ(recv(*producer), kEmpty);
}

TEST(MailboxService, BothDirectionsMakeAConversation) {
  MailboxService mb;
  auto a = open_peer(mb, "a", 1, "b", 2, Direction::both);
  auto b = open_peer(mb, "b", 2, "a", 1, Direction::both);
  EXPECT_EQ(send(*a, "ping"), 4);
  EXPECT_EQ(recv(*b), "ping");
  EXPECT_EQ(send(*b, "pong"), 4);
  EXPECT_EQ(recv(*a), "pong");
  EXPECT_EQ(recv(*a), kEmpty);
}

TEST(MailboxService, RemovalDropsTheQueueAndItsMessages) {
  MailboxService mb;
  auto producer = open_peer(mb, "a", 1, "b", 5, Direction::out);
  {
    auto consumer = open_peer(mb, "b", 5, "a", 0, Direction::in);
    EXPECT_EQ(send(*producer, "lost"), 4);
  }
  EXPECT_EQ(mb.stats("b", 5)->depth, 1u);  // closing keeps the queue
  mb.on_container_removed("b");
  EXPECT_FALSE(mb.stats("b", 5).has_value());
  EXPECT_EQ(send(*producer, "x"), abi::kUnavailable);
  auto reborn = open_peer(mb, "b", 5, "a", 0, Direction::in);
  EXPECT_EQ(recv(*reborn), kEmpty);  // nothing survived
  EXPECT_EQ(send(*producer, "fresh"), 5);
  EXPECT_EQ(recv(*reborn), "fresh");
}

TEST(MailboxService, HostWideByteBudgetBoundsAllQueues) {
  MailboxService mb(10);
  auto b = open_peer(mb, "b", 1, "a", 0, Direction::in);
  auto c = open_peer(mb, "c", 1, "a", 0, Direction::in);
  auto to_b = open_peer(mb, "a", 1, "b", 1, Direction::out);
  auto to_c = open_peer(mb, "a", 2, "c", 1, Direction::out);
  EXPECT_EQ(send(*to_b, "123456"), 6);
  EXPECT_EQ(send(*to_c, "12345"), abi::kFull);  // 11 > 10 across both queues
  EXPECT_EQ(send(*to_c, "1234"), 4);
  EXPECT_EQ(mb.queued_bytes(), 10u);
  EXPECT_EQ(recv(*b), "123456");
  EXPECT_EQ(mb.queued_bytes(), 4u);
  EXPECT_EQ(send(*to_b, "abcdef"), 6);
  mb.on_container_removed("b");
  EXPECT_EQ(mb.queued_bytes(), 4u);
}

TEST(MailboxService, NonContainerGrantIsInvalid) {
  MailboxService mb;
  host::OpenRequest r;
  r.container_uid = "a";
  r.grant = {1, metadata::PeerType::local, "mailbox", 0, Direction::both};
  EXPECT_EQ(mb.open(r).code, abi::kInvalid);
  r.grant = {1, metadata::PeerType::container, "", 0, Direction::both};
  EXPECT_EQ(mb.open(r).code, abi::kInvalid);
}

}  // namespace
}  // namespace tc::services
