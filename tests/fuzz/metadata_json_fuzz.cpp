// libFuzzer target: the metadata and reconfiguration JSON decoders.
// Invariants checked beyond "no crash, no leak, no UB": a document that decodes
// re-encodes (JSON and CBOR) to something that decodes to the same model.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "metadata/cbor_codec.hpp"
#include "metadata/json_codec.hpp"
#include "metadata/reconfiguration_codec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tc::metadata;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const RuntimeTypes runtimes = default_runtime_types();
  if (auto m = decode_json(text, runtimes)) {
    auto again = decode_json(encode_json(*m), runtimes);
    if (!again || !(*again == *m)) std::abort();
    auto via_cbor = decode_cbor(encode_cbor(*m), runtimes);
    if (!via_cbor || !(*via_cbor == *m)) std::abort();
  }
  if (auto r = decode_reconfiguration_json(text)) {
    auto again = decode_reconfiguration_cbor(encode_reconfiguration_cbor(*r));
    if (!again || !(*again == *r)) std::abort();
  }
  return 0;
}
