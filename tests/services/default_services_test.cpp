#include "services/default_services.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "services/wire.h"

namespace tc::services {
namespace {

TEST(DefaultServices, OneOfEachWithDistinctWireNames) {
  const auto services = make_default_services({});
  std::set<std::string> names;
  for (const auto& s : services) names.emplace(s->name());
  EXPECT_EQ(names.size(), services.size());
  const std::set<std::string> expected = {
      TC_SERVICE_LOG,         TC_SERVICE_CLOCK,         TC_SERVICE_KV,
      TC_SERVICE_TEMPERATURE, TC_SERVICE_ACCELEROMETER, TC_SERVICE_LED,
      TC_SERVICE_GPIO,        TC_SERVICE_MAILBOX};
  EXPECT_EQ(names, expected);
}

TEST(DefaultServices, WireCodesMirrorTheGuestAbi) {
  namespace abi = host::abi;
  static_assert(TC_WIRE_DENIED == abi::kDenied && TC_WIRE_WRONG_DIRECTION == abi::kWrongDirection &&
                TC_WIRE_WRONG_PEER == abi::kWrongPeer && TC_WIRE_BAD_HANDLE == abi::kBadHandle &&
                TC_WIRE_BAD_MEMORY == abi::kBadMemory && TC_WIRE_EMPTY == abi::kEmpty &&
                TC_WIRE_FULL == abi::kFull && TC_WIRE_TOO_BIG == abi::kTooBig &&
                TC_WIRE_INVALID == abi::kInvalid && TC_WIRE_NOT_FOUND == abi::kNotFound &&
                TC_WIRE_RATE_LIMITED == abi::kRateLimited &&
                TC_WIRE_UNAVAILABLE == abi::kUnavailable &&
                TC_WIRE_TOO_MANY_HANDLES == abi::kTooManyHandles && TC_WIRE_IO == abi::kIo &&
                TC_WIRE_UNSUPPORTED == abi::kUnsupported);
  EXPECT_EQ(std::string(TC_SERVICE_MAILBOX), host::kMailboxService);
}

}  // namespace
}  // namespace tc::services
