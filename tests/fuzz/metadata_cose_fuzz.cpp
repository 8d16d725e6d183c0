// libFuzzer target: COSE_Sign1 / COSE_Mac0 verification and the signed loaders, against
// a fixed key store (deterministic keys, so corpus entries signed by
// metadata_make_corpus stay valid). Invariant: whatever verifies re-signs and re-verifies.
#include <array>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "metadata/cose.hpp"
#include "metadata/document.hpp"
#include "metadata/reconfiguration_codec.hpp"

namespace {

struct Fixture {
  tc::metadata::SigningKey ed;
  tc::metadata::SigningKey mac;
  tc::metadata::KeyStore keys;
};

tc::metadata::SigningKey fixed_key(bool ed, std::uint8_t fill) {
  std::array<std::uint8_t, 32> seed{};
  seed.fill(fill);
  return (ed ? tc::metadata::SigningKey::ed25519(seed)
             : tc::metadata::SigningKey::hmac_sha256(seed))
      .value();
}

const Fixture& fixture() {
  static const Fixture f = [] {
    Fixture x{fixed_key(true, 0x11), fixed_key(false, 0x22), {}};
    (void)x.keys.add("fuzz-ed", tc::metadata::KeyType::ed25519_public, x.ed.verification_key());
    (void)x.keys.add("fuzz-mac", tc::metadata::KeyType::hmac_sha256, x.mac.verification_key());
    return x;
  }();
  return f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tc::metadata;
  const std::span<const std::uint8_t> bytes(data, size);
  const Fixture& f = fixture();
  if (auto v = cose_verify(bytes, f.keys, kMetadataAad)) {
    const SigningKey& key = v->kind == CoseKind::sign1 ? f.ed : f.mac;
    auto resigned = cose_protect(v->payload, v->kid, key, kMetadataAad);
    if (!resigned || !cose_verify(*resigned, f.keys, kMetadataAad)) std::abort();
  }
  (void)load_metadata(bytes, f.keys, LoadPolicy{true}, default_runtime_types());
  (void)load_reconfiguration(bytes, f.keys, LoadPolicy{true});
  return 0;
}
