// tinycontainer — run-time reconfiguration of a container: a validated, optionally
// signed, partial document that changes scheduling and grants/revokes endpoints.
//
// Contract:
//  * A Reconfiguration names its target (uid) and a new revision, which must be greater
//    than the current metadata's revision (a replayed request — signed or not — is refused).
//  * scheduling: only the fields present change; limits and identity never change at
//    run time (they are fixed when the instance is created).
//  * revoke: endpoint ids to remove; each must currently be granted.
//    grant: endpoints to add, or to replace when the id is already granted (in place).
//    An id may not appear twice in grant, twice in revoke, or in both.
//  * apply() is all-or-nothing: it returns a new, fully validated Metadata (validate())
//    or an error naming the field path (e.g. "revoke[1]: endpoint 9 is not granted",
//    "scheduling.loop_max_duration: 30000 µs exceeds loop_period (20000 µs)") and the
//    current metadata is untouched. The host then builds a new PermissionTable from the
//    result and swaps it in (permission_table.hpp PermissionSlot): effective at the next
//    call; scheduling changes at the next loop.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "metadata/metadata.hpp"
#include "metadata/runtime_registry.hpp"

namespace tc::metadata {

struct SchedulingChange {
  std::optional<std::chrono::microseconds> start_max_duration;
  std::optional<std::chrono::microseconds> loop_period;
  std::optional<std::chrono::microseconds> loop_max_duration;
  std::optional<std::uint64_t> loop_max_lifetime;
  std::optional<std::chrono::microseconds> stop_max_duration;
  std::optional<std::uint8_t> priority;
  std::optional<OverrunPolicy> overrun;
  friend bool operator==(const SchedulingChange&, const SchedulingChange&) = default;
};

struct Reconfiguration {
  std::uint32_t version = kSchemaVersion;
  std::string uid;
  std::uint64_t revision = 0;
  SchedulingChange scheduling;
  std::vector<Endpoint> grant;
  std::vector<std::uint32_t> revoke;
  friend bool operator==(const Reconfiguration&, const Reconfiguration&) = default;
};

// Checks the request on its own (version, uid syntax, grant/revoke ids unique and
// disjoint, each granted endpoint valid). The codecs call it after decoding.
[[nodiscard]] Result<void> validate_request(const Reconfiguration& r);

[[nodiscard]] Result<Metadata> apply(const Metadata& current, const Reconfiguration& request,
                                     const RuntimeTypes& runtimes);

}  // namespace tc::metadata
