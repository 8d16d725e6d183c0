// tinycontainer — the capability state of the workload, computed in the supervisor and
// applied in the forked child right before execve.
//
// Contract: make_cap_plan() runs in the parent (may allocate, reads
// /proc/sys/kernel/cap_last_cap) and validates every --cap-add name (capability_names.hpp).
// apply_cap_plan() runs in the child and is async-signal-safe: raw prctl/capget/capset
// syscalls on precomputed values, no allocation, no libcap. It leaves, for the rest of
// the process's life and across execve:
//   bounding  = keep        (PR_CAPBSET_DROP of every other cap; needs CAP_SETPCAP,
//                            which a fresh user namespace's root has)
//   inheritable = permitted = effective = keep   (capset)
//   ambient   = keep        (cleared, then PR_CAP_AMBIENT_RAISE; so a non-root uid keeps
//                            them across execve too; for uid 0 they come from bounding)
// With keep == 0 all five sets are empty after execve, whatever the uid.
// Returns 0 or -errno (the first failing step); the caller _exit()s on failure.
// Order for a workload that runs as a NON-zero uid inside the user namespace: the child
// calls prctl(PR_SET_KEEPCAPS, 1), setresgid/setresuid, then apply_cap_plan() (capset
// re-raises effective from the kept permitted set, so the bounding drop still works),
// then no_new_privs and the seccomp filter. For uid 0 inside the namespace: just
// apply_cap_plan().
// no_new_privs is separate (seccomp/install.hpp set_no_new_privs) and always set.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/error.hpp"

namespace tc::caps {

struct CapPlan {
  std::uint64_t keep = 0;  // bit n = capability n
  int last_cap = 40;       // highest capability number the kernel knows
};

[[nodiscard]] Result<CapPlan> make_cap_plan(const std::vector<std::string>& cap_add);
[[nodiscard]] int apply_cap_plan(const CapPlan& plan) noexcept;

// Parsed from /proc/<pid>/status: CapInh CapPrm CapEff CapBnd CapAmb. For tests/tools.
struct CapSets {
  std::uint64_t inheritable = 0, permitted = 0, effective = 0, bounding = 0, ambient = 0;
};
[[nodiscard]] Result<CapSets> parse_cap_sets(std::string_view proc_status);

}  // namespace tc::caps
