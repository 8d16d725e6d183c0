// Decode/encode/verify costs of one metadata document (load-time work, not per call).
#include <benchmark/benchmark.h>

#include "metadata/cbor_codec.hpp"
#include "metadata/document.hpp"
#include "metadata/json_codec.hpp"

namespace tc::metadata {
namespace {

Metadata sample() {
  Metadata m;
  m.identity = Identity{"sensor-sampler", "Periodic sensor sampler", "wasm", {"s.wasm"}, {}};
  m.scheduling.loop_period = std::chrono::milliseconds(100);
  m.scheduling.loop_max_duration = std::chrono::milliseconds(10);
  for (std::uint32_t i = 1; i <= 8; ++i)
    m.endpoints.push_back(
        Endpoint{i, PeerType::local, "service" + std::to_string(i), 0, Direction::both});
  m.integrity.code_sha256 = sha256_of(std::span<const std::uint8_t>());
  return m;
}

void BM_DecodeJson(benchmark::State& state) {
  const std::string text = encode_json(sample());
  const RuntimeTypes rt = default_runtime_types();
  for (auto _ : state) benchmark::DoNotOptimize(decode_json(text, rt));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_DecodeJson);

void BM_DecodeCbor(benchmark::State& state) {
  const Bytes bytes = encode_cbor(sample());
  const RuntimeTypes rt = default_runtime_types();
  for (auto _ : state) benchmark::DoNotOptimize(decode_cbor(bytes, rt));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes.size()));
}
BENCHMARK(BM_DecodeCbor);

void BM_EncodeCbor(benchmark::State& state) {
  const Metadata m = sample();
  for (auto _ : state) benchmark::DoNotOptimize(encode_cbor(m));
}
BENCHMARK(BM_EncodeCbor);

void BM_LoadSigned(benchmark::State& state) {
  const bool ed = state.range(0) == 0;
  const SigningKey key = ed ? SigningKey::generate_ed25519() : SigningKey::generate_hmac_sha256();
  KeyStore keys;
  (void)keys.add("k", key.type(), key.verification_key());
  const Bytes env = sign_metadata(sample(), "k", key).value();
  const RuntimeTypes rt = default_runtime_types();
  for (auto _ : state) benchmark::DoNotOptimize(load_metadata(env, keys, LoadPolicy{true}, rt));
  state.SetLabel(ed ? "COSE_Sign1/Ed25519" : "COSE_Mac0/HMAC-SHA256");
}
BENCHMARK(BM_LoadSigned)->Arg(0)->Arg(1);

}  // namespace
}  // namespace tc::metadata
