#include "services/log_ring.hpp"

#include <gtest/gtest.h>

#include <memory>

#include "services/log_service.hpp"
#include "service_test_util.hpp"

namespace tc::services {
namespace {

TEST(LogRing, KeepsTheLastLinesPerContainer) {
  LogRing ring(3);
  for (int i = 0; i < 5; ++i) ring.append("a", "line " + std::to_string(i));
  ring.append("b", "only");
  EXPECT_EQ(ring.lines("a"), (std::vector<std::string>{"line 2", "line 3", "line 4"}));
  EXPECT_EQ(ring.total("a"), 5u);
  EXPECT_EQ(ring.lines("b"), (std::vector<std::string>{"only"}));
  EXPECT_TRUE(ring.lines("c").empty());
  ring.forget("a");
  EXPECT_TRUE(ring.lines("a").empty());
  EXPECT_EQ(ring.total("a"), 0u);
  LogRing none(0);
  none.append("a", "x");
  EXPECT_TRUE(none.lines("a").empty());
  EXPECT_EQ(none.total("a"), 1u);
}

TEST(LogRing, ServesAsTheLogServiceSink) {
  auto ring = std::make_shared<LogRing>(8);
  LogConfig cfg;
  cfg.sink = [ring](std::string_view uid, std::string_view line) { ring->append(uid, line); };
  LogService log(std::move(cfg));
  auto s = testing::open_local(log, "c1");
  std::vector<std::uint8_t> mem;
  ASSERT_GE(s.session->write(mem, testing::bytes_of("hello\n")), 0);
  EXPECT_EQ(ring->lines("c1"), (std::vector<std::string>{"hello"}));
}

}  // namespace
}  // namespace tc::services
