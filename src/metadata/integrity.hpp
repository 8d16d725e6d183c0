// tinycontainer — digests that bind a metadata document to its code and data blobs.
//
// Contract: code_sha256 / data_sha256 are SHA-256 of the exact bytes of the code and data
// blobs. They are part of the metadata's canonical CBOR, so a signature over the metadata
// (cose.hpp) also covers the code and data. data_sha256 may be present only when the
// identity has a data blob. The digest of the metadata itself is not stored in the
// document (it would be circular): metadata_digest() in cbor_codec.hpp computes it as the
// SHA-256 of the canonical CBOR encoding.
#pragma once

#include <optional>

#include "metadata/digest.hpp"

namespace tc::metadata {

struct Integrity {
  std::optional<Sha256> code_sha256;
  std::optional<Sha256> data_sha256;
  friend bool operator==(const Integrity&, const Integrity&) = default;
};

}  // namespace tc::metadata
