// tinycontainer — the CBOR codec of container metadata (the form devices store and sign).
//
// Contract: the encoding is a map with small unsigned-integer keys (table in
// docs/METADATA.md and in cbor_codec.cpp), enums as unsigned integers, durations as
// unsigned integers in microseconds, digests as 32-byte byte strings. encode_cbor writes
// every field (defaults included) in the shortest form with ascending keys: it is a
// function of the model alone (deterministic, RFC 8949 §4.2.1), so the bytes — and the
// digest and signatures over them — are stable. decode_cbor is strict like the JSON codec
// (unknown/duplicate keys, wrong types, missing required fields, invalid UTF-8 are errors
// naming the JSON field path), applies the same defaults and runs validate().
// metadata_digest() is SHA-256(encode_cbor(m)).
#pragma once

#include <cbor.h>

#include <span>

#include "common/error.hpp"
#include "metadata/cbor_fields.hpp"
#include "metadata/cbor_item.hpp"
#include "metadata/metadata.hpp"
#include "metadata/runtime_registry.hpp"

namespace tc::metadata {

[[nodiscard]] Result<Metadata> decode_cbor(std::span<const std::uint8_t> bytes,
                                           const RuntimeTypes& runtimes);
[[nodiscard]] Result<Metadata> metadata_from_cbor(const cbor_item_t* item,
                                                  const RuntimeTypes& runtimes);
[[nodiscard]] Bytes encode_cbor(const Metadata& m);
[[nodiscard]] CborItem metadata_to_cbor(const Metadata& m);
[[nodiscard]] Sha256 metadata_digest(const Metadata& m);

// Shared with the reconfiguration codec.
[[nodiscard]] Result<Endpoint> endpoint_from_cbor(const cbor_item_t* item, std::string path);
[[nodiscard]] CborItem endpoint_to_cbor(const Endpoint& e);
// The scheduling map's keys: 1 start_max_duration, 2 loop_period, 3 loop_max_duration,
// 4 loop_max_lifetime, 5 stop_max_duration, 6 priority, 7 overrun.
[[nodiscard]] std::span<const FieldSpec> scheduling_cbor_fields() noexcept;

}  // namespace tc::metadata
