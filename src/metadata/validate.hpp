// tinycontainer — semantic validation of a metadata record.
//
// Contract: validate() checks every range and cross-field rule listed in the model
// headers (identity.hpp, scheduling.hpp, limits.hpp, endpoint.hpp, integrity.hpp) and
// returns the first violation as a Phase::config Error whose message starts with the
// field path, e.g. "scheduling.loop_max_duration: 30000 µs exceeds loop_period (20000 µs)"
// or "endpoints[2].endpoint_id: duplicate id 7 (also endpoints[0])". Both codecs call it
// after decoding, so a model from any decoder satisfies it. No allocation on success
// besides the duplicate check's small sorted index.
#pragma once

#include <string_view>

#include "common/error.hpp"
#include "metadata/metadata.hpp"
#include "metadata/runtime_registry.hpp"

namespace tc::metadata {

[[nodiscard]] Result<void> validate(const Metadata& m, const RuntimeTypes& runtimes);

// Pieces reused by reconfiguration.hpp; `path` prefixes the field names.
[[nodiscard]] Result<void> validate_scheduling(const Scheduling& s, std::string_view path);
[[nodiscard]] Result<void> validate_endpoint(const Endpoint& e, std::string_view path);
[[nodiscard]] Result<void> validate_unique_endpoint_ids(const std::vector<Endpoint>& eps,
                                                        std::string_view path);

// The error every metadata check returns: "<path>: <what>".
[[nodiscard]] std::unexpected<Error> field_error(std::string_view path, std::string_view what);

}  // namespace tc::metadata
