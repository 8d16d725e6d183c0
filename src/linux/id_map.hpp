// tinycontainer — user-namespace id mappings (uid_map, gid_map, setgroups).
//
// Contract: plan_id_maps() derives the mappings from the IdentitySpec and never maps host
// id 0: as root, container ids [0, count) map to [base, base+count); rootless, container 0
// maps to the caller's own id only and setgroups is denied (the kernel requires it for an
// unprivileged gid_map) — unless IdentitySpec::sub_ids is set: then container
// [1, 1+count) also maps to the subordinate range and `helpers` is true.
// write_id_maps() writes /proc/<pid>/{setgroups,uid_map,gid_map} of a child blocked
// before its first namespaced step (user_namespaces(7)); with helpers it runs the setuid
// newuidmap(1)/newgidmap(1) (package uidmap; they check /etc/subuid, /etc/subgid) with
// the same entries instead, and fails when they do.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "linux/sandbox_spec.hpp"

namespace tc::sandbox {

struct IdMapEntry {
  std::uint32_t inside = 0;
  std::uint32_t outside = 0;
  std::uint32_t count = 0;
};

struct IdMaps {
  std::vector<IdMapEntry> uids;
  std::vector<IdMapEntry> gids;
  bool deny_setgroups = false;
  bool helpers = false;  // newuidmap/newgidmap (rootless with subordinate ids)
};

inline constexpr const char* kNewuidmap = "/usr/bin/newuidmap";
inline constexpr const char* kNewgidmap = "/usr/bin/newgidmap";

[[nodiscard]] IdMaps plan_id_maps(const IdentitySpec& ids);

// "0 100000000 65536\n" — the text written to uid_map/gid_map.
[[nodiscard]] std::string format_id_map(const std::vector<IdMapEntry>& entries);

[[nodiscard]] Result<void> write_id_maps(pid_t pid, const IdMaps& maps);

}  // namespace tc::sandbox
