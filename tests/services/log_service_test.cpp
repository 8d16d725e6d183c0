#include "services/log_service.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "services/log_line.hpp"
#include "service_test_util.hpp"

namespace tc::services {
namespace {

using testing::bytes_of;
using testing::open_local;

std::string clean(std::string_view in, std::size_t max = 512) {
  return sanitize_log_line(bytes_of(in), max);
}

TEST(LogLine, KeepsPrintableUtf8AndDropsOneTrailingNewline) {
  EXPECT_EQ(clean("hello wörld ✓\n"), "hello wörld ✓");
  EXPECT_EQ(clean("a\r\n"), "a");
  EXPECT_EQ(clean("two\n\n"), "two\\x0a");
}

TEST(LogLine, EscapesControlsBackslashAndInvalidUtf8) {
  EXPECT_EQ(clean("a\x1b[31mb"), "a\\x1b[31mb");
  EXPECT_EQ(clean("tab\there"), "tab\\x09here");
  EXPECT_EQ(clean("back\\slash"), "back\\\\slash");
  EXPECT_EQ(clean("\x7f"), "\\x7f");
  EXPECT_EQ(clean("\xc3"), "\\xc3");              // truncated sequence
  EXPECT_EQ(clean("\xc0\xaf"), "\\xc0\\xaf");     // overlong '/'
  EXPECT_EQ(clean("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // surrogate
  EXPECT_EQ(clean("\xc2\x85"), "\\xc2\\x85");     // C1 control NEL
  EXPECT_EQ(clean(std::string_view("nul\0x", 5)), "nul\\x00x");
}

TEST(LogLine, CutsLongLinesOnCharacterBoundariesWithMarker) {
  const std::string long_line(2000, 'a');
  const std::string out = clean(long_line, 512);
  EXPECT_EQ(out.size(), 512u);
  EXPECT_TRUE(out.ends_with("..."));
  // An escape or a multi-byte character is never split.
  const std::string esc = clean(std::string(100, '\x01'), 10);
  EXPECT_EQ(esc, "\\x01...");
  const std::string utf = clean("ééééé", 8);  // 2 bytes each
  EXPECT_EQ(utf, "éé...");
  EXPECT_LE(clean("abcdef", 2).size(), 2u);
}

struct Captured {
  std::vector<std::pair<std::string, std::string>> lines;
};

LogConfig config_for(Captured& cap, std::shared_ptr<ManualClock> clock, RateLimit rate) {
  LogConfig c;
  c.rate = rate;
  c.clock = std::move(clock);
  c.sink = [&cap](std::string_view uid, std::string_view line) {
    cap.lines.emplace_back(std::string(uid), std::string(line));
  };
  return c;
}

TEST(LogService, WriteDeliversOneSanitisedLineWithTheUid) {
  Captured cap;
  LogService log(config_for(cap, std::make_shared<ManualClock>(), {20, 40}));
  auto s = open_local(log, "c1");
  ASSERT_EQ(s.code, host::abi::kOk);
  std::vector<std::uint8_t> mem;
  const std::string msg = "temp=21.5\x07\n";
  EXPECT_EQ(s.session->write(mem, bytes_of(msg)), static_cast<std::int32_t>(msg.size()));
  ASSERT_EQ(cap.lines.size(), 1u);
  EXPECT_EQ(cap.lines[0].first, "c1");
  EXPECT_EQ(cap.lines[0].second, "temp=21.5\\x07");
  std::uint8_t buf[8];
  EXPECT_EQ(s.session->read(mem, buf), host::abi::kUnsupported);
}

TEST(LogService, RateLimitIsPerContainerAndRefillsWithTime) {
  Captured cap;
  auto clock = std::make_shared<ManualClock>();
  LogService log(config_for(cap, clock, {10, 5}));
  auto a = open_local(log, "a");
  auto a2 = open_local(log, "a");  // a second handle shares the bucket
  auto b = open_local(log, "b");
  std::vector<std::uint8_t> mem;
  for (int i = 0; i < 3; ++i) EXPECT_GE(a.session->write(mem, bytes_of("x")), 0);
  for (int i = 0; i < 2; ++i) EXPECT_GE(a2.session->write(mem, bytes_of("x")), 0);
  EXPECT_EQ(a.session->write(mem, bytes_of("x")), host::abi::kRateLimited);
  EXPECT_EQ(a2.session->write(mem, bytes_of("x")), host::abi::kRateLimited);
  EXPECT_GE(b.session->write(mem, bytes_of("y")), 0);  // b has its own bucket
  EXPECT_EQ(log.stats("a").lines, 5u);
  EXPECT_EQ(log.stats("a").dropped, 2u);

  clock->advance(99'000);  // 0.099 s at 10/s: not yet one token
  EXPECT_EQ(a.session->write(mem, bytes_of("x")), host::abi::kRateLimited);
  clock->advance(1'000);
  EXPECT_GE(a.session->write(mem, bytes_of("x")), 0);
  EXPECT_EQ(a.session->write(mem, bytes_of("x")), host::abi::kRateLimited);
  clock->advance(10'000'000);  // refill is capped at the burst
  for (int i = 0; i < 5; ++i) EXPECT_GE(a.session->write(mem, bytes_of("x")), 0);
  EXPECT_EQ(a.session->write(mem, bytes_of("x")), host::abi::kRateLimited);
  EXPECT_EQ(cap.lines.size(), 5u + 1u + 1u + 5u);
}

TEST(LogService, RemovalForgetsTheContainer) {
  Captured cap;
  LogService log(config_for(cap, std::make_shared<ManualClock>(), {0, 1}));
  std::vector<std::uint8_t> mem;
  {
    auto a = open_local(log, "a");
    EXPECT_GE(a.session->write(mem, bytes_of("1")), 0);
    EXPECT_EQ(a.session->write(mem, bytes_of("2")), host::abi::kRateLimited);
  }
  log.on_container_removed("a");
  EXPECT_EQ(log.stats("a").lines, 0u);
  auto again = open_local(log, "a");
  EXPECT_GE(again.session->write(mem, bytes_of("3")), 0);
}

}  // namespace
}  // namespace tc::services
