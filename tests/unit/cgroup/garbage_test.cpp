// Malformed input never crashes, hangs or leaks (run under ASan/UBSan in CI): every
// parser of the cgroup layer gets deterministic pseudo-random mutations of real texts.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "linux/cgroup/layout.hpp"
#include "linux/cgroup/run_name.hpp"
#include "linux/cgroup/text.hpp"

namespace tc::cgroup {
namespace {

std::string mutate(std::string text, std::mt19937& rng) {
  static constexpr char kAlphabet[] = " \t\n:\\0123456789/-,()abcx=";
  const int edits = 1 + static_cast<int>(rng() % 8);
  for (int i = 0; i < edits; ++i) {
    const std::size_t pos = text.empty() ? 0 : rng() % text.size();
    const char c = kAlphabet[rng() % (sizeof kAlphabet - 1)];
    switch (rng() % 3) {
      case 0:
        if (!text.empty()) text[pos] = c;
        break;
      case 1:
        text.insert(text.begin() + static_cast<std::ptrdiff_t>(pos), c);
        break;
      default:
        if (!text.empty()) text.erase(pos, 1 + rng() % 4);
        break;
    }
  }
  return text;
}

TEST(Garbage, ParsersReturnErrorsNotCrashes) {
  const std::string cgroup = "4:memory:/a b\n2:cpu,cpuacct:/\n1:name=systemd:/\n0::/x\n";
  const std::string mountinfo =
      "32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw shared:2 - cgroup cgroup rw,cpu,cpuacct\n"
      "35 31 0:32 /a /sys/fs/cgroup/mem\\040x rw - cgroup cgroup rw,memory\n"
      "41 31 0:38 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw,nsdelegate\n";
  const std::string keyed = "usage_usec 1\nuser_usec 2\nnr_throttled 3\n";
  const std::string stat = "42 (a) b) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 99 1\n";
  std::mt19937 rng(20261122);
  int accepted = 0;
  for (int i = 0; i < 3000; ++i) {
    auto layout = detect_layout(mutate(cgroup, rng), mutate(mountinfo, rng));
    if (layout) {
      ++accepted;
      for (const Hierarchy& h : layout->v1) EXPECT_FALSE(h.own_dir().empty());
    } else {
      EXPECT_FALSE(layout.error().message.empty());
    }
    (void)parse_keyed(mutate(keyed, rng), "cpu.stat");
    (void)parse_stat_start_time(mutate(stat, rng));
    (void)parse_run_name(mutate("tc-12-34-0123456789abcdef", rng));
  }
  EXPECT_GT(accepted, 0);  // some mutations stay valid: the parser is not just refusing
}

}  // namespace
}  // namespace tc::cgroup
