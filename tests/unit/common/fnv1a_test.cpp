#include "common/fnv1a.hpp"

#include <gtest/gtest.h>

#include <string>

namespace tc {
namespace {

// Published FNV-1a 64-bit test vectors (draft-eastlake-fnv).
TEST(Fnv1a, MatchesReferenceVectors) {
  EXPECT_EQ(fnv1a(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(fnv1a("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(fnv1a("foobar"), 0x85944171f73967e8ULL);
}

// Continuing from a prefix's hash gives the whole string's: what lets a constant prefix be
// hashed at compile time (seccomp_setup.cpp).
TEST(Fnv1a, ContinuationEqualsHashOfTheConcatenation) {
  const std::string a = "notify 1\n{\"defaultAction\":";
  const std::string b = std::string("\0tail\n", 6);
  EXPECT_EQ(fnv1a(b, fnv1a(a)), fnv1a(a + b));
  constexpr std::uint64_t at_compile_time = fnv1a("bar", fnv1a("foo"));
  static_assert(at_compile_time == fnv1a("foobar"));
  EXPECT_EQ(fnv1a("", fnv1a(a)), fnv1a(a));
}

}  // namespace
}  // namespace tc
