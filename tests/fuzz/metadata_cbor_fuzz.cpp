// libFuzzer target: the metadata and reconfiguration CBOR decoders (and the
// well-formedness pass in front of libcbor). Invariant: a decoded model re-encodes to
// canonical bytes that decode to the same model and re-encode identically.
#include <cstdint>
#include <cstdlib>
#include <span>

#include "metadata/cbor_codec.hpp"
#include "metadata/json_codec.hpp"
#include "metadata/reconfiguration_codec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tc::metadata;
  const std::span<const std::uint8_t> bytes(data, size);
  const RuntimeTypes runtimes = default_runtime_types();
  if (auto m = decode_cbor(bytes, runtimes)) {
    const Bytes canon = encode_cbor(*m);
    auto again = decode_cbor(canon, runtimes);
    if (!again || !(*again == *m) || encode_cbor(*again) != canon) std::abort();
    if (!decode_json(encode_json(*m), runtimes)) std::abort();
  }
  if (auto r = decode_reconfiguration_cbor(bytes)) {
    auto again = decode_reconfiguration_cbor(encode_reconfiguration_cbor(*r));
    if (!again || !(*again == *r)) std::abort();
  }
  return 0;
}
