// EndpointTable from C++ (no wasm): call() on out-only grants, the handle limit, the
// permission swap seen by the next call.
#include "host/endpoint_table.hpp"
#include "host_fixture.hpp"

namespace tc::host::test {
namespace {

namespace md = tc::metadata;

struct TableRig {
  std::shared_ptr<ProbeService::Log> log = std::make_shared<ProbeService::Log>();
  ServiceRouter router;
  md::Limits limits;
  std::unique_ptr<EndpointTable> table;
  std::vector<std::uint8_t> mem = std::vector<std::uint8_t>(64, 7);

  explicit TableRig(std::vector<md::Endpoint> eps) {
    EXPECT_TRUE(router.add(std::make_unique<ProbeService>("probe", log)));
    table = std::make_unique<EndpointTable>("t", limits, permissions(eps), router, Clock::now());
  }
  static std::shared_ptr<const md::PermissionTable> permissions(const std::vector<md::Endpoint>& eps) {
    return std::make_shared<const md::PermissionTable>(md::PermissionTable::build(eps));
  }
  std::int32_t call(std::int32_t h) {
    return table->call(h, mem, std::span<const std::uint8_t>(mem.data(), 4), std::span<std::uint8_t>(mem.data() + 8, 8));
  }
};

md::Endpoint ep(std::uint32_t id, md::Direction d, std::string peer = "probe") {
  return md::Endpoint{id, md::PeerType::local, std::move(peer), 0, d};
}

TEST(EndpointTable, CallOnOutOnlyGrantIsStatusOnly) {
  TableRig rig({ep(1, md::Direction::both), ep(2, md::Direction::out), ep(3, md::Direction::in)});
  const auto both = rig.table->open(1), out = rig.table->open(2), in = rig.table->open(3);
  ASSERT_GE(both, 0);
  ASSERT_GE(out, 0);
  ASSERT_GE(in, 0);
  EXPECT_EQ(rig.call(both), 4);                       // the probe echoes the request
  EXPECT_EQ(rig.call(out), 0);                        // no response buffer without `in`
  EXPECT_EQ(rig.call(in), abi::kWrongDirection);      // call needs `out`
  EXPECT_EQ(rig.table->denials(), 1u);
  EXPECT_EQ(rig.table->calls(), 6u);
}

TEST(EndpointTable, HandleLimitAndReuse) {
  TableRig rig({ep(1, md::Direction::both)});
  std::vector<std::int32_t> hs;
  for (std::size_t i = 0; i < EndpointTable::kMaxHandles; ++i) hs.push_back(rig.table->open(1));
  for (std::size_t i = 0; i < hs.size(); ++i) EXPECT_EQ(hs[i], static_cast<std::int32_t>(i));
  EXPECT_EQ(rig.table->open(1), abi::kTooManyHandles);
  EXPECT_EQ(rig.table->close(5), abi::kOk);
  EXPECT_EQ(rig.table->close(5), abi::kBadHandle);
  EXPECT_EQ(rig.table->open(1), 5);  // the freed slot is reused
  EXPECT_EQ(rig.table->open_handles(), EndpointTable::kMaxHandles);
  rig.table->close_all();
  EXPECT_EQ(rig.table->open_handles(), 0u);
  EXPECT_EQ(rig.table->close(0), abi::kBadHandle);
}

TEST(EndpointTable, SwapIsSeenByTheNextCall) {
  TableRig rig({ep(1, md::Direction::both)});
  const auto h = rig.table->open(1);
  ASSERT_GE(h, 0);
  EXPECT_EQ(rig.call(h), 4);
  rig.table->replace_permissions(TableRig::permissions({ep(1, md::Direction::in)}));
  EXPECT_EQ(rig.call(h), abi::kWrongDirection);
  rig.table->replace_permissions(TableRig::permissions({}));
  EXPECT_EQ(rig.call(h), abi::kDenied);
  EXPECT_EQ(rig.table->open(1), abi::kDenied);
  rig.table->replace_permissions(TableRig::permissions({ep(1, md::Direction::both, "other")}));
  EXPECT_EQ(rig.call(h), abi::kWrongPeer);            // the handle was opened for "probe"
  EXPECT_EQ(rig.table->open(1), abi::kUnavailable);   // no service named "other"
  EXPECT_EQ(rig.table->denials(), 4u);
}

}  // namespace
}  // namespace tc::host::test
