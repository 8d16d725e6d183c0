// libFuzzer target: the kv request parser and the whole kv call path (in memory).
// Invariants beyond "no crash, no leak, no UB": a parsed request re-encodes to the same
// bytes; a call never returns more bytes than the response buffer holds.
#include <cstdint>
#include <cstdlib>
#include <span>
#include <variant>
#include <vector>

#include "services/kv_request.hpp"
#include "services/kv_service.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace tc::services;
  const std::span<const std::uint8_t> in(data, size);
  const auto parsed = parse_kv_request(in);
  if (const auto* r = std::get_if<KvRequest>(&parsed)) {
    if (encode_kv_request(r->op, r->key, r->value) != std::vector<std::uint8_t>(in.begin(), in.end()))
      std::abort();
  } else if (std::get<std::int32_t>(parsed) >= 0) {
    std::abort();
  }
  // The same bytes through a session, with a preceding put so get/list find data.
  KvService kv({});
  tc::metadata::Limits limits;
  limits.storage_quota = 4096;
  tc::host::OpenRequest req;
  req.container_uid = "fuzz";
  req.limits = &limits;
  auto s = kv.open(req).session;
  if (!s) std::abort();
  std::vector<std::uint8_t> mem, resp(size % 97);
  (void)s->call(mem, encode_kv_request(KvOp::put, "k", "value"), resp);
  const std::int32_t n = s->call(mem, in, resp);
  if (n > static_cast<std::int32_t>(resp.size())) std::abort();
  return 0;
}
