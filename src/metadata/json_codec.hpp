// tinycontainer — the JSON codec of container metadata (the form people write).
//
// Contract: decode_json parses strictly (json_fields.hpp: unknown fields, wrong types,
// duplicate keys and missing required fields are errors naming the field path), fills the
// model with the documented defaults for absent optional fields, then runs validate().
// encode_json writes every field (defaults included) in a fixed order, durations as
// strings in their largest exact unit ("20ms"), sizes as integer bytes, digests as
// lowercase hex: decode(encode(m)) == m, and encode is deterministic.
// Schema: docs/METADATA.md.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "common/error.hpp"
#include "metadata/metadata.hpp"
#include "metadata/runtime_registry.hpp"

namespace tc::metadata {

inline constexpr std::size_t kMaxDocumentBytes = 1 << 20;  // 1 MiB

[[nodiscard]] Result<Metadata> decode_json(std::string_view text, const RuntimeTypes& runtimes);
[[nodiscard]] Result<Metadata> metadata_from_json(const nlohmann::json& doc,
                                                  const RuntimeTypes& runtimes);

[[nodiscard]] nlohmann::ordered_json to_json(const Metadata& m);
[[nodiscard]] std::string encode_json(const Metadata& m);  // 2-space indent, trailing newline

// Shared with the reconfiguration codec.
[[nodiscard]] Result<Endpoint> endpoint_from_json(const nlohmann::json& v, std::string_view path);
[[nodiscard]] nlohmann::ordered_json endpoint_to_json(const Endpoint& e);

}  // namespace tc::metadata
