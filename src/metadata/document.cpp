#include "metadata/document.hpp"

#include <string_view>

#include "metadata/cbor_codec.hpp"
#include "metadata/json_codec.hpp"
#include "metadata/try.hpp"

namespace tc::metadata {
namespace {

std::string_view as_text(std::span<const std::uint8_t> bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

Result<LoadedMetadata> load_signed(std::span<const std::uint8_t> bytes, const KeyStore& keys,
                                   const RuntimeTypes& runtimes) {
  TC_TRY(verified, cose_verify(bytes, keys, kMetadataAad));
  auto m = decode_cbor(verified->payload, runtimes);
  if (!m) return make_error(Phase::config, "signed payload: " + m.error().message);
  if (encode_cbor(*m) != verified->payload)
    return make_error(Phase::security, "signed payload is not in canonical CBOR form");
  if (!m->integrity.code_sha256)
    return make_error(Phase::security,
                      "integrity.code_sha256: required in signed metadata (the signature must "
                      "bind the code)");
  LoadedMetadata out{std::move(*m), DocumentForm::cose, verified->kid, verified->kind, {}};
  out.digest = sha256_of(verified->payload);
  return out;
}

}  // namespace

DocumentForm detect_form(std::span<const std::uint8_t> bytes) noexcept {
  if (looks_like_cose(bytes)) return DocumentForm::cose;
  // Metadata CBOR is a map: major type 5 (0xa0..0xbb). Anything else goes to the JSON
  // parser, whose message ("syntax error at byte 1", "expected an object") fits best.
  if (!bytes.empty() && bytes[0] >= 0xa0 && bytes[0] <= 0xbb) return DocumentForm::cbor;
  return DocumentForm::json;
}

Result<LoadedMetadata> load_metadata(std::span<const std::uint8_t> bytes, const KeyStore& keys,
                                     const LoadPolicy& policy, const RuntimeTypes& runtimes) {
  const DocumentForm form = detect_form(bytes);
  if (form == DocumentForm::cose) return load_signed(bytes, keys, runtimes);
  if (policy.require_signature)
    return make_error(Phase::security,
                      "unsigned metadata refused: the host policy requires a signature "
                      "(COSE_Sign1 or COSE_Mac0)");
  auto m = form == DocumentForm::json ? decode_json(as_text(bytes), runtimes)
                                      : decode_cbor(bytes, runtimes);
  if (!m) return std::unexpected(m.error());
  LoadedMetadata out{std::move(*m), form, std::nullopt, std::nullopt, {}};
  out.digest = metadata_digest(out.metadata);
  return out;
}

Result<Bytes> sign_metadata(const Metadata& m, std::string_view kid, const SigningKey& key) {
  if (!m.integrity.code_sha256)
    return make_error(Phase::config,
                      "integrity.code_sha256: required to sign (the signature must bind the code)");
  return cose_protect(encode_cbor(m), kid, key, kMetadataAad);
}

Result<void> verify_blob(const Metadata& m, Blob which, std::span<const std::uint8_t> bytes) {
  const auto& expected = which == Blob::code ? m.integrity.code_sha256 : m.integrity.data_sha256;
  const char* name = which == Blob::code ? "code" : "data";
  if (which == Blob::data && !m.identity.data)
    return make_error(Phase::config, "data: the container has no data blob");
  if (!expected) return {};
  if (sha256_of(bytes) != *expected)
    return make_error(Phase::security, std::string(name) + " blob: SHA-256 " +
                                           to_hex(sha256_of(bytes)) + " does not match integrity." +
                                           name + "_sha256 " + to_hex(*expected));
  return {};
}

}  // namespace tc::metadata
