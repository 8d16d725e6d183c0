// libFuzzer target: the kv log replay (what a host reads back from disk after a crash or
// tampering). Invariants: valid_bytes ≤ input size, == size when no error; the recovered
// entries, re-encoded as a log, replay cleanly to the same entries.
#include <cstdint>
#include <cstdlib>
#include <span>

#include "services/kv_log.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tc::services;
  const KvReplay r = replay_kv_log(std::span<const std::uint8_t>(data, size));
  if (r.valid_bytes > size) std::abort();
  if (r.error.empty() && r.valid_bytes != size) std::abort();
  auto bytes = encode_kv_file_header();
  for (const auto& [k, v] : r.entries) append_kv_put(bytes, k, v);
  const KvReplay again = replay_kv_log(bytes);
  if (!again.error.empty() || again.entries != r.entries) std::abort();
  return 0;
}
