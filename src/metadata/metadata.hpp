// tinycontainer — the metadata record of one container: the single model that the JSON
// codec (for people) and the CBOR codec (for devices) both fill.
//
// Contract: a Metadata value obtained from a decoder has passed validate() (validate.hpp):
// every field is in range and endpoint ids are unique. `revision` starts at 0 and grows
// with each applied reconfiguration (reconfiguration.hpp), which gives replay protection.
#pragma once

#include <cstdint>
#include <vector>

#include "metadata/endpoint.hpp"
#include "metadata/identity.hpp"
#include "metadata/integrity.hpp"
#include "metadata/limits.hpp"
#include "metadata/scheduling.hpp"

namespace tc::metadata {

inline constexpr std::uint32_t kSchemaVersion = 1;
inline constexpr std::size_t kMaxEndpoints = 256;

struct Metadata {
  std::uint32_t version = kSchemaVersion;
  std::uint64_t revision = 0;
  Identity identity;
  Scheduling scheduling;
  Limits limits;
  std::vector<Endpoint> endpoints;
  Integrity integrity;
  friend bool operator==(const Metadata&, const Metadata&) = default;
};

}  // namespace tc::metadata
