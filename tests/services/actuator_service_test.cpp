#include "services/actuator_service.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "services/wire.h"
#include "service_test_util.hpp"

namespace tc::services {
namespace {

using testing::open_local;

TEST(ActuatorService, LedWriteSetsStateVisibleToHostAndReaders) {
  ActuatorService led(ActuatorKind::led);
  EXPECT_EQ(led.name(), "actuator.led");
  EXPECT_EQ(led.channels(), TC_LED_COUNT);
  auto a = open_local(led, "a", {}, 3);
  auto b = open_local(led, "b", {}, 3);
  ASSERT_EQ(a.code, host::abi::kOk);
  std::vector<std::uint8_t> mem;
  const std::uint8_t on[] = {200};
  EXPECT_EQ(a.session->write(mem, on), 1);
  EXPECT_EQ(led.value(3), 200);
  EXPECT_EQ(led.value(2), 0);
  std::uint8_t got[1] = {};
  EXPECT_EQ(b.session->read(mem, got), 1);  // the device's state, shared
  EXPECT_EQ(got[0], 200);
  const auto snap = led.snapshot();
  ASSERT_EQ(snap.size(), TC_LED_COUNT);
  EXPECT_EQ(snap[3].last_writer, "a");
  EXPECT_EQ(snap[3].writes, 1u);
  EXPECT_FALSE(led.value(TC_LED_COUNT).has_value());
}

TEST(ActuatorService, GpioAcceptsOnlyZeroOrOne) {
  ActuatorService gpio(ActuatorKind::gpio);
  auto p = open_local(gpio, "c1", {}, 31);
  ASSERT_EQ(p.code, host::abi::kOk);
  std::vector<std::uint8_t> mem;
  const std::uint8_t one[] = {1}, two[] = {2}, pair[] = {1, 1};
  EXPECT_EQ(p.session->write(mem, one), 1);
  EXPECT_EQ(p.session->write(mem, two), host::abi::kInvalid);
  EXPECT_EQ(p.session->write(mem, pair), host::abi::kInvalid);
  EXPECT_EQ(p.session->write(mem, std::span<const std::uint8_t>{}), host::abi::kInvalid);
  EXPECT_EQ(gpio.value(31), 1);
  std::uint8_t none[1];
  EXPECT_EQ(p.session->read(mem, std::span(none, 0)), host::abi::kTooBig);
}

TEST(ActuatorService, ChannelOutOfRangeIsInvalidAtOpen) {
  ActuatorService gpio(ActuatorKind::gpio);
  EXPECT_EQ(open_local(gpio, "c1", {}, TC_GPIO_PINS).code, host::abi::kInvalid);
  ActuatorService led(ActuatorKind::led);
  EXPECT_EQ(open_local(led, "c1", {}, 0xffffffffu).code, host::abi::kInvalid);
}

}  // namespace
}  // namespace tc::services
