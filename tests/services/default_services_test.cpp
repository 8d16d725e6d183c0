#include "services/default_services.hpp"

#include <gtest/gtest.h>

#include <cstring>
#include <iterator>
#include <set>
#include <stdexcept>
#include <vector>
#include <string>

#include "services/kv_request.hpp"
#include "services/wire.h"
#include "service_test_util.hpp"
#include "temp_dir.hpp"

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

TEST(DefaultServices, KvStatePersistsAcrossAHostRestart) {
  testing::TempDir dir;
  ServicesConfig cfg;
  cfg.state_dir = dir.path();
  auto kv_of = [](std::vector<std::unique_ptr<host::Service>>& all) -> host::Service& {
    for (auto& s : all)
      if (s->name() == TC_SERVICE_KV) return *s;
    throw std::runtime_error("no kv");
  };
  std::vector<std::uint8_t> mem, resp(64);
  {
    auto first = make_default_services(cfg);
    auto s = testing::open_local(kv_of(first), "sampler");
    ASSERT_EQ(s.session->call(mem, encode_kv_request(KvOp::put, "last", "21500"), resp), 0);
  }
  auto second = make_default_services(cfg);  // "host restart"
  auto s = testing::open_local(kv_of(second), "sampler");
  ASSERT_EQ(s.session->call(mem, encode_kv_request(KvOp::get, "last"), resp), 5);
  EXPECT_EQ(std::string(resp.begin(), resp.begin() + 5), "21500");
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

TEST(WireHelpers, GuestEncodersMatchTheHostParser) {
  std::uint8_t req[TC_KV_HEADER_SIZE + 3 + 2];
  tc_kv_header(req, TC_KV_PUT, 3, 2);
  std::memcpy(req + TC_KV_HEADER_SIZE, "key", 3);
  std::memcpy(req + TC_KV_HEADER_SIZE + 3, "v!", 2);
  EXPECT_EQ(std::vector<std::uint8_t>(std::begin(req), std::end(req)),
            encode_kv_request(KvOp::put, "key", "v!"));
  const std::uint8_t neg[] = {0xfe, 0xff, 0xff, 0xff, 0, 0, 0, 0x80};
  EXPECT_EQ(tc_wire_get_i32(neg), -2);
  EXPECT_EQ(tc_wire_get_i32(neg + 4), INT32_MIN);
  EXPECT_EQ(tc_wire_get_u64(neg), 0x80000000fffffffeULL);
}

}  // namespace
}  // namespace tc::services
