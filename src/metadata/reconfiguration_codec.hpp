// tinycontainer — JSON and CBOR codecs of reconfiguration requests, and their signed
// (COSE) form.
//
// Contract: same rules as the metadata codecs (strict, field paths in errors, durations as
// "10ms" strings or integer µs in JSON and integer µs in CBOR, canonical CBOR output).
//   JSON: {"version": 1, "uid": "...", "revision": N,
//          "scheduling": {<any subset of the metadata scheduling fields>},
//          "grant": [<endpoint>...], "revoke": [<endpoint_id>...]}
//   CBOR: {1: version, 2: uid, 3: revision, 4: scheduling (metadata scheduling keys),
//          5: grant (metadata endpoint maps), 6: revoke (array of uint)}
// version, uid and revision are required; the other fields default to "no change".
// load_reconfiguration() accepts JSON, CBOR or a COSE envelope whose external_aad is
// kReconfigurationAad and whose payload is canonical; an unsigned request is refused
// when policy.require_signature.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>

#include "common/error.hpp"
#include "metadata/cbor_item.hpp"
#include "metadata/document.hpp"
#include "metadata/reconfiguration.hpp"

namespace tc::metadata {

[[nodiscard]] Result<Reconfiguration> decode_reconfiguration_json(std::string_view text);
[[nodiscard]] std::string encode_reconfiguration_json(const Reconfiguration& r);

[[nodiscard]] Result<Reconfiguration> decode_reconfiguration_cbor(
    std::span<const std::uint8_t> bytes);
[[nodiscard]] Bytes encode_reconfiguration_cbor(const Reconfiguration& r);

struct LoadedReconfiguration {
  Reconfiguration request;
  std::optional<std::string> kid;  // set when signed
};

[[nodiscard]] Result<LoadedReconfiguration> load_reconfiguration(
    std::span<const std::uint8_t> bytes, const KeyStore& keys, const LoadPolicy& policy);
[[nodiscard]] Result<Bytes> sign_reconfiguration(const Reconfiguration& r, std::string_view kid,
                                                 const SigningKey& key);

}  // namespace tc::metadata
