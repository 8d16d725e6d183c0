#include "services/clock_service.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "services/le_bytes.hpp"
#include "services/wire.h"
#include "service_test_util.hpp"

namespace tc::services {
namespace {

TEST(ClockService, ReadReturnsTheLittleEndianRecord) {
  auto clock = std::make_shared<ManualClock>(1234, 1'700'000'000'000'000ULL);
  ClockService svc(clock);
  auto s = testing::open_local(svc, "c1");
  ASSERT_EQ(s.code, host::abi::kOk);
  std::vector<std::uint8_t> mem;
  std::uint8_t rec[TC_CLOCK_RECORD_SIZE + 4] = {};
  ASSERT_EQ(s.session->read(mem, rec), static_cast<std::int32_t>(TC_CLOCK_RECORD_SIZE));
  EXPECT_EQ(rec[0], 1234 & 0xff);
  EXPECT_EQ(rec[1], 1234 >> 8);
  EXPECT_EQ(load_le<std::uint64_t>(rec, 0), 1234u);
  EXPECT_EQ(load_le<std::uint64_t>(rec, 8), 1'700'000'000'000'000ULL);
  EXPECT_EQ(rec[16], 0);  // nothing written past the record
  clock->advance(500);
  ASSERT_EQ(s.session->read(mem, rec), 16);
  EXPECT_EQ(load_le<std::uint64_t>(rec, 0), 1734u);
}

TEST(ClockService, ShortBufferAndOtherOperationsAreRefused) {
  ClockService svc(nullptr);  // system clock
  auto s = testing::open_local(svc, "c1");
  std::vector<std::uint8_t> mem;
  std::uint8_t small[15];
  EXPECT_EQ(s.session->read(mem, small), host::abi::kTooBig);
  EXPECT_EQ(s.session->write(mem, small), host::abi::kUnsupported);
  std::uint8_t rec[16];
  ASSERT_EQ(s.session->read(mem, rec), 16);
  const std::uint64_t first = load_le<std::uint64_t>(rec, 0);
  EXPECT_GT(load_le<std::uint64_t>(rec, 8), 1'600'000'000'000'000ULL);  // after 2020
  ASSERT_EQ(s.session->read(mem, rec), 16);
  EXPECT_GE(load_le<std::uint64_t>(rec, 0), first);
}

}  // namespace
}  // namespace tc::services
