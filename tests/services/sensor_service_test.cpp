#include "services/sensor_service.hpp"

#include <gtest/gtest.h>

#include <set>
#include <vector>

#include "services/le_bytes.hpp"
#include "services/sensor_signal.hpp"
#include "services/wire.h"
#include "service_test_util.hpp"

namespace tc::services {
namespace {

using testing::open_local;

std::vector<std::int32_t> temperatures(SensorService& s, std::string_view uid, int n) {
  auto o = open_local(s, uid);
  EXPECT_EQ(o.code, host::abi::kOk);
  std::vector<std::uint8_t> mem;
  std::vector<std::int32_t> out;
  std::uint8_t rec[TC_TEMPERATURE_RECORD_SIZE];
  for (int i = 0; i < n; ++i) {
    EXPECT_EQ(o.session->read(mem, rec), static_cast<std::int32_t>(TC_TEMPERATURE_RECORD_SIZE));
    out.push_back(load_le<std::int32_t>(rec, 8));
  }
  return out;
}

TEST(SensorService, TemperatureIsDeterministicPerSeedAndUid) {
  SensorService a(SensorKind::temperature, 42), b(SensorKind::temperature, 42);
  SensorService other_seed(SensorKind::temperature, 43);
  const auto x = temperatures(a, "c1", 50);
  EXPECT_EQ(x, temperatures(b, "c1", 50));
  EXPECT_NE(x, temperatures(other_seed, "c1", 50));
  EXPECT_NE(x, temperatures(a, "c2", 50));
  // The values are the documented signal, and plausible.
  for (std::size_t i = 0; i < x.size(); ++i) {
    EXPECT_EQ(x[i], temperature_mc(42, "c1", i));
    EXPECT_GE(x[i], 12000);
    EXPECT_LE(x[i], 30000);
  }
  EXPECT_GT(std::set<std::int32_t>(x.begin(), x.end()).size(), 10u);  // it varies
}

TEST(SensorService, SampleIndexIsPerContainerAndResetOnRemoval) {
  SensorService s(SensorKind::temperature, 7);
  std::vector<std::uint8_t> mem;
  std::uint8_t rec[TC_TEMPERATURE_RECORD_SIZE];
  auto first = open_local(s, "c1");
  ASSERT_EQ(first.session->read(mem, rec), 16);
  EXPECT_EQ(load_le<std::uint64_t>(rec, 0), 0u);
  auto second = open_local(s, "c1");  // a new handle continues the stream
  ASSERT_EQ(second.session->read(mem, rec), 16);
  EXPECT_EQ(load_le<std::uint64_t>(rec, 0), 1u);
  EXPECT_EQ(load_le<std::uint32_t>(rec, 12), 0u);
  EXPECT_EQ(s.samples_read("c1"), 2u);
  EXPECT_EQ(s.samples_read("c2"), 0u);
  first.session.reset();
  second.session.reset();
  s.on_container_removed("c1");
  EXPECT_EQ(s.samples_read("c1"), 0u);
  EXPECT_EQ(temperatures(s, "c1", 1)[0], temperature_mc(7, "c1", 0));
}

TEST(SensorService, AccelerometerRecordsAreDeterministicAndNearOneG) {
  SensorService s(SensorKind::accelerometer, 9);
  EXPECT_EQ(s.name(), "sensor.accelerometer");
  auto o = open_local(s, "c1");
  std::vector<std::uint8_t> mem;
  std::uint8_t rec[TC_ACCEL_RECORD_SIZE];
  int shakes = 0;
  for (std::uint64_t i = 0; i < 500; ++i) {
    ASSERT_EQ(o.session->read(mem, rec), static_cast<std::int32_t>(TC_ACCEL_RECORD_SIZE));
    EXPECT_EQ(load_le<std::uint64_t>(rec, 0), i);
    const auto expect = acceleration_mg(9, "c1", i);
    for (int axis = 0; axis < 3; ++axis)
      EXPECT_EQ(load_le<std::int32_t>(rec, 8 + 4 * axis), expect[axis]);
    const double g2 = double(expect[0]) * expect[0] + double(expect[1]) * expect[1] +
                      double(expect[2]) * expect[2];
    if (g2 > 1100.0 * 1100.0 || g2 < 900.0 * 900.0) ++shakes;
  }
  EXPECT_GT(shakes, 0);    // ~1 in 50 samples is a shake
  EXPECT_LT(shakes, 50);
}

TEST(SensorService, ShortBufferAndWritesAreRefused) {
  SensorService t(SensorKind::temperature, 1), a(SensorKind::accelerometer, 1);
  auto ot = open_local(t, "c1");
  auto oa = open_local(a, "c1");
  std::vector<std::uint8_t> mem;
  std::uint8_t small[TC_ACCEL_RECORD_SIZE - 1];
  EXPECT_EQ(oa.session->read(mem, small), host::abi::kTooBig);
  EXPECT_EQ(ot.session->read(mem, std::span(small, 15)), host::abi::kTooBig);
  EXPECT_EQ(t.samples_read("c1"), 0u);  // nothing consumed
  EXPECT_EQ(ot.session->write(mem, small), host::abi::kUnsupported);
}

}  // namespace
}  // namespace tc::services
