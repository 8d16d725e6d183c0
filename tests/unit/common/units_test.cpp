#include "common/units.hpp"

#include <gtest/gtest.h>

using namespace std::chrono_literals;

TEST(ParseSize, AcceptsBinaryUnits) {
  EXPECT_EQ(tc::parse_size("0").value(), 0U);
  EXPECT_EQ(tc::parse_size("512").value(), 512U);
  EXPECT_EQ(tc::parse_size("512B").value(), 512U);
  EXPECT_EQ(tc::parse_size("4K").value(), 4096U);
  EXPECT_EQ(tc::parse_size("64MiB").value(), 64ULL << 20);
  EXPECT_EQ(tc::parse_size("1.5GiB").value(), 3ULL << 29);
  EXPECT_EQ(tc::parse_size("2TB").value(), 2ULL << 40);
}

TEST(ParseSize, RejectsGarbageWithMessage) {
  for (const char* bad : {"", "MiB", "12XB", "-1", "1.2.3K", "1 MiB", "99999999999999999999T"}) {
    auto r = tc::parse_size(bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().phase, tc::Phase::usage);
    EXPECT_FALSE(r.error().message.empty());
  }
  EXPECT_NE(tc::parse_size("12XB").error().message.find("12XB"), std::string::npos);
}

TEST(ParseDuration, AcceptsUnits) {
  EXPECT_EQ(tc::parse_duration("2").value(), 2s);
  EXPECT_EQ(tc::parse_duration("2s").value(), 2s);
  EXPECT_EQ(tc::parse_duration("250ms").value(), 250ms);
  EXPECT_EQ(tc::parse_duration("1.5s").value(), 1500ms);
  EXPECT_EQ(tc::parse_duration("3us").value(), 3us);
  EXPECT_EQ(tc::parse_duration("7ns").value(), 7ns);
  EXPECT_EQ(tc::parse_duration("2m").value(), 120s);
  EXPECT_EQ(tc::parse_duration("1h").value(), 3600s);
}

TEST(ParseDuration, RejectsGarbage) {
  for (const char* bad : {"", "s", "10x", "1..0s", "-5s", "1e9h"}) {
    EXPECT_FALSE(tc::parse_duration(bad).has_value()) << bad;
  }
}

TEST(FormatSize, HumanReadable) {
  EXPECT_EQ(tc::format_size(512), "512 B");
  EXPECT_EQ(tc::format_size(64ULL << 20), "64.0 MiB");
}

TEST(ParsePlainDecimal, AcceptsDigitsAndOneDot) {
  EXPECT_EQ(tc::parse_plain_decimal("2").value(), 2.0);
  EXPECT_EQ(tc::parse_plain_decimal("0.25").value(), 0.25);
  EXPECT_EQ(tc::parse_plain_decimal("4096").value(), 4096.0);
  EXPECT_EQ(tc::parse_plain_decimal(".5").value(), 0.5);
  EXPECT_NEAR(tc::parse_plain_decimal("0.1").value(), 0.1, 1e-17);
}

TEST(ParsePlainDecimal, LongFractionsStayFractions) {
  // Past ~4900 fractional digits the digit weight underflows to zero: later digits add
  // nothing (they used to count as integer digits), and a second dot is still refused.
  const std::string zeros(5000, '0');
  EXPECT_LT(tc::parse_plain_decimal("0." + zeros + "5").value(), 1e-300);
  EXPECT_FALSE(tc::parse_plain_decimal("1." + zeros + ".5").has_value());
  EXPECT_EQ(tc::parse_size("0." + zeros + "5GiB").value(), 0U);
}

TEST(ParsePlainDecimal, RejectsEverythingElseQuotingTheInput) {
  for (const char* bad :
       {"", ".", "-1", "+1", "1e3", "inf", "nan", "0x10", " 1", "1 ", "1.2.3", "2cpus"}) {
    auto r = tc::parse_plain_decimal(bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().phase, tc::Phase::usage);
    if (*bad != 0) {
      EXPECT_NE(r.error().message.find(bad), std::string::npos) << r.error().message;
    }
  }
}
