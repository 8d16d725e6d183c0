#include "metadata/permission_table.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "sample.hpp"

namespace tc::metadata {
namespace {

// sample(): 1 in local sensor.temperature, 2 both local kv, 3 out container consumer/1,
// 4 out remote coap://[::1]/samples.
const PermissionTable kTable = PermissionTable::build(test::sample().endpoints);

TEST(PermissionTable, DirectionSemantics) {
  EXPECT_EQ(kTable.size(), 4u);
  EXPECT_EQ(kTable.check(1, Op::read), Decision::allowed);
  EXPECT_EQ(kTable.check(1, Op::write), Decision::wrong_direction);
  EXPECT_EQ(kTable.check(1, Op::open), Decision::allowed);
  EXPECT_EQ(kTable.check(2, Op::read), Decision::allowed);
  EXPECT_EQ(kTable.check(2, Op::write), Decision::allowed);
  EXPECT_EQ(kTable.check(3, Op::write), Decision::allowed);
  EXPECT_EQ(kTable.check(3, Op::read), Decision::wrong_direction);
  EXPECT_EQ(kTable.check(3, Op::open), Decision::allowed);
}

TEST(PermissionTable, UngrantedIdsAreDenied) {
  for (std::uint32_t id : {0u, 5u, 99u, UINT32_MAX}) {
    EXPECT_EQ(kTable.check(id, Op::open), Decision::no_grant) << id;
    EXPECT_EQ(kTable.check(id, Op::read), Decision::no_grant) << id;
  }
  const PermissionTable empty = PermissionTable::build({});
  EXPECT_EQ(empty.check(0, Op::open), Decision::no_grant);
}

TEST(PermissionTable, PeerMustMatchTheGrant) {
  EXPECT_EQ(kTable.check(3, Op::write, PeerRef{PeerType::container, "consumer", 1}),
            Decision::allowed);
  EXPECT_EQ(kTable.check(3, Op::write, PeerRef{PeerType::container, "consumer", 2}),
            Decision::wrong_peer);
  EXPECT_EQ(kTable.check(3, Op::write, PeerRef{PeerType::container, "intruder", 1}),
            Decision::wrong_peer);
  EXPECT_EQ(kTable.check(3, Op::write, PeerRef{PeerType::local, "consumer", 1}),
            Decision::wrong_peer);
  EXPECT_EQ(kTable.check(2, Op::read, PeerRef{PeerType::local, "kv", 0}), Decision::allowed);
  // Direction is checked before the peer.
  EXPECT_EQ(kTable.check(3, Op::read, PeerRef{PeerType::container, "intruder", 1}),
            Decision::wrong_direction);
}

TEST(PermissionTable, FindReturnsTheGrant) {
  auto g = kTable.find(4);
  ASSERT_TRUE(g);
  EXPECT_EQ(g->peer_type, PeerType::remote);
  EXPECT_EQ(g->peer, "coap://[::1]/samples");
  EXPECT_EQ(g->direction, Direction::out);
  EXPECT_FALSE(kTable.find(7));
}

TEST(PermissionTable, ManyGrantsUnsorted) {
  std::vector<Endpoint> eps;
  for (std::uint32_t i = 0; i < 256; ++i) {
    const std::uint32_t id = (i * 7919u) % 100003u;  // distinct, unsorted
    eps.push_back(Endpoint{id, PeerType::local, "svc" + std::to_string(i), i,
                           i % 2 ? Direction::in : Direction::out});
  }
  const auto t = PermissionTable::build(eps);
  for (const auto& e : eps) {
    EXPECT_EQ(t.check(e.endpoint_id, Op::read),
              e.direction == Direction::in ? Decision::allowed : Decision::wrong_direction);
    EXPECT_EQ(t.check(e.endpoint_id, Op::open, PeerRef{PeerType::local, e.peer, e.peer_endpoint}),
              Decision::allowed);
    EXPECT_EQ(t.check(e.endpoint_id + 1, Op::open), Decision::no_grant);
  }
  EXPECT_LT(t.footprint(), 256 * 16 + 256 * 6 + 128);
}

TEST(PermissionSlot, ReplaceIsAtomicForReaders) {
  auto old_table = std::make_shared<const PermissionTable>(kTable);
  Metadata m = test::sample();
  m.endpoints.erase(m.endpoints.begin());  // revoke endpoint 1
  auto new_table = std::make_shared<const PermissionTable>(PermissionTable::build(m.endpoints));
  PermissionSlot slot(old_table);
  std::atomic<bool> stop{false};
  std::atomic<int> mixed{0};
  std::thread reader([&] {
    while (!stop.load()) {
      auto t = slot.load();
      // Either the whole old table (4 grants, 1 allowed) or the whole new one (3, denied).
      const bool one = t->check(1, Op::read) == Decision::allowed;
      if (one != (t->size() == 4)) mixed.fetch_add(1);
    }
  });
  for (int i = 0; i < 2000; ++i) slot.replace(i % 2 ? old_table : new_table);
  stop = true;
  reader.join();
  EXPECT_EQ(mixed.load(), 0);
  slot.replace(new_table);
  EXPECT_EQ(slot.load()->check(1, Op::read), Decision::no_grant);
}

}  // namespace
}  // namespace tc::metadata
