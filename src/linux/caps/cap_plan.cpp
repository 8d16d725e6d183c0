#include "linux/caps/cap_plan.hpp"

#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>

#include "linux/caps/capability_names.hpp"

namespace tc::caps {
namespace {

// The running kernel's highest capability, as /proc/sys/kernel/cap_last_cap shows it:
// PR_CAPBSET_READ fails with EINVAL exactly above it (any caller may read its bounding
// set). A binary search costs six prctl()s, no file and no iostream on the start-up path.
int read_last_cap() {
  if (::prctl(PR_CAPBSET_READ, 0) < 0) return CAP_LAST_CAP;
  int lo = 0;   // known valid
  int hi = 63;  // upper bound of a 64-bit capability mask
  while (lo < hi) {
    const int mid = (lo + hi + 1) / 2;
    if (::prctl(PR_CAPBSET_READ, mid) >= 0)
      lo = mid;
    else
      hi = mid - 1;
  }
  return lo;
}

bool bit(std::uint64_t mask, int cap) {
  return ((mask >> cap) & 1U) != 0;
}

}  // namespace

Result<CapPlan> make_cap_plan(const std::vector<std::string>& cap_add) {
  CapPlan plan;
  plan.last_cap = read_last_cap();
  for (const auto& name : cap_add) {
    auto cap = parse_cap_add(name);
    if (!cap) return std::unexpected(cap.error());
    if (*cap > plan.last_cap)
      return make_error(Phase::usage, "capability " + name + " is not supported by this kernel");
    plan.keep |= std::uint64_t{1} << *cap;
  }
  return plan;
}

int apply_cap_plan(const CapPlan& plan) noexcept {
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[2] = {};
  // After a uid change with PR_SET_KEEPCAPS the effective set is empty: raise it from
  // the permitted set so CAP_SETPCAP is usable for the bounding-set drop below.
  if (syscall(SYS_capget, &header, data) != 0) return -errno;
  for (auto& d : data) d.effective = d.permitted;
  if (syscall(SYS_capset, &header, data) != 0) return -errno;
  for (int cap = 0; cap <= plan.last_cap; ++cap) {
    if (bit(plan.keep, cap)) continue;
    if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 && errno != EINVAL) return -errno;
  }
  if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0) return -errno;
  for (int i = 0; i < 2; ++i) {
    const auto word = static_cast<std::uint32_t>(plan.keep >> (32 * i));
    data[i].effective = data[i].permitted = data[i].inheritable = word;
  }
  if (syscall(SYS_capset, &header, data) != 0) return -errno;
  for (int cap = 0; cap <= plan.last_cap; ++cap) {
    if (!bit(plan.keep, cap)) continue;
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) != 0) return -errno;
  }
  return 0;
}

Result<CapSets> parse_cap_sets(std::string_view status) {
  CapSets s;
  int found = 0;
  auto field = [&](std::string_view key, std::uint64_t& out) {
    const auto pos = status.find(key);
    if (pos == std::string_view::npos) return;
    auto start = status.find_first_not_of(" \t", pos + key.size());
    if (start == std::string_view::npos) return;
    const char* b = status.data() + start;
    auto [p, ec] = std::from_chars(b, status.data() + status.size(), out, 16);
    if (ec == std::errc{}) ++found;
  };
  field("CapInh:", s.inheritable);
  field("CapPrm:", s.permitted);
  field("CapEff:", s.effective);
  field("CapBnd:", s.bounding);
  field("CapAmb:", s.ambient);
  if (found != 5)
    return make_error(Phase::security, "malformed /proc status: capability lines missing");
  return s;
}

}  // namespace tc::caps
