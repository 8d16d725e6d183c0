#include "linux/id_map.hpp"

#include <gtest/gtest.h>

TEST(IdMap, RootMapsTheWholeRangeAboveTheBase) {
  tc::sandbox::IdentitySpec ids;
  ids.host_id_base = 200000000;
  auto maps = tc::sandbox::plan_id_maps(ids);
  EXPECT_EQ(tc::sandbox::format_id_map(maps.uids), "0 200000000 65536\n");
  EXPECT_EQ(tc::sandbox::format_id_map(maps.gids), "0 200000000 65536\n");
  EXPECT_FALSE(maps.deny_setgroups);
}

TEST(IdMap, RootlessMapsOnlyTheCallerAndDeniesSetgroups) {
  tc::sandbox::IdentitySpec ids;
  ids.rootless = true;
  ids.caller_uid = 1001;
  ids.caller_gid = 1002;
  auto maps = tc::sandbox::plan_id_maps(ids);
  EXPECT_EQ(tc::sandbox::format_id_map(maps.uids), "0 1001 1\n");
  EXPECT_EQ(tc::sandbox::format_id_map(maps.gids), "0 1002 1\n");
  EXPECT_TRUE(maps.deny_setgroups);
}

TEST(IdMap, FormatsSeveralEntries) {
  EXPECT_EQ(tc::sandbox::format_id_map({{0, 5, 1}, {1, 100, 10}}), "0 5 1\n1 100 10\n");
  EXPECT_EQ(tc::sandbox::format_id_map({}), "");
}

TEST(IdMap, RootlessWithSubordinateIdsMapsTheRangeThroughTheHelpers) {
  tc::sandbox::IdentitySpec ids;
  ids.rootless = true;
  ids.caller_uid = 1001;
  ids.caller_gid = 1002;
  ids.sub_ids = tc::sandbox::IdentitySpec::SubIds{165536, 265536, 65536};
  auto maps = tc::sandbox::plan_id_maps(ids);
  EXPECT_EQ(tc::sandbox::format_id_map(maps.uids), "0 1001 1\n1 165536 65536\n");
  EXPECT_EQ(tc::sandbox::format_id_map(maps.gids), "0 1002 1\n1 265536 65536\n");
  EXPECT_FALSE(maps.deny_setgroups);
  EXPECT_TRUE(maps.helpers);
  EXPECT_EQ(tc::sandbox::host_uid_of(ids, 0), 1001u);
  EXPECT_EQ(tc::sandbox::host_uid_of(ids, 1000), 165536u + 999u);
  EXPECT_EQ(tc::sandbox::host_gid_of(ids, 1000), 265536u + 999u);
}
