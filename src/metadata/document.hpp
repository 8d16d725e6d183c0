// tinycontainer — loading a metadata document as the host does: detect its form, verify
// its signature against the host's keys and policy, decode and validate it.
//
// Contract:
//  * Form detection: CBOR tag 18/17 (first byte 0xd2/0xd1) is a COSE_Sign1/COSE_Mac0
//    envelope (cose.hpp) whose payload is canonical metadata CBOR; a first byte that
//    starts a CBOR map (0xa0..0xbb) is plain metadata CBOR; anything else is JSON.
//  * A signed document is accepted only when: the envelope verifies with the KeyStore
//    (external_aad kMetadataAad), the payload decodes and validates, the payload is the
//    canonical encoding of the model it decodes to (so the signed bytes, the digest and
//    the model are one-to-one), and integrity.code_sha256 is present (so the signature
//    binds the code). An unsigned document is refused when policy.require_signature.
//  * sign_metadata() produces such an envelope, refusing metadata without a code digest.
//  * verify_blob() checks code/data bytes against the digests the metadata carries.
//  Errors: Phase::config for document content, Phase::security for signature and policy.
#pragma once

#include <optional>
#include <span>
#include <string>

#include "common/error.hpp"
#include "metadata/cbor_item.hpp"
#include "metadata/cose.hpp"
#include "metadata/key_store.hpp"
#include "metadata/metadata.hpp"
#include "metadata/runtime_registry.hpp"
#include "metadata/signing_key.hpp"

namespace tc::metadata {

struct LoadPolicy {
  bool require_signature = false;
};

enum class DocumentForm : std::uint8_t { json, cbor, cose };

struct LoadedMetadata {
  Metadata metadata;
  DocumentForm form = DocumentForm::json;
  std::optional<std::string> kid;    // set when signed
  std::optional<CoseKind> envelope;  // set when signed
  Sha256 digest{};                   // metadata_digest(metadata)
};

[[nodiscard]] DocumentForm detect_form(std::span<const std::uint8_t> bytes) noexcept;

[[nodiscard]] Result<LoadedMetadata> load_metadata(std::span<const std::uint8_t> bytes,
                                                   const KeyStore& keys, const LoadPolicy& policy,
                                                   const RuntimeTypes& runtimes);

[[nodiscard]] Result<Bytes> sign_metadata(const Metadata& m, std::string_view kid,
                                          const SigningKey& key);

enum class Blob : std::uint8_t { code, data };
[[nodiscard]] Result<void> verify_blob(const Metadata& m, Blob which,
                                       std::span<const std::uint8_t> bytes);

}  // namespace tc::metadata
