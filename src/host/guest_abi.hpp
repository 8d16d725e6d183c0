// tinycontainer host — the guest ABI: what a container (wasm module) imports from the host
// to reach its endpoints, and the result codes it gets back. This header is the contract
// between the host's dispatcher (src/host), the services (src/services, src/ml) and the
// C header guests include (examples/include/tinycontainer.h mirrors these values).
//
// Imports, module "tc" (all i32 unless noted; pointers are offsets in the caller's linear
// memory 0; every pointer/length pair is bounds-checked by the host → kBadMemory, never a
// trap or a host read out of bounds):
//   open(endpoint_id) -> handle >= 0 | error < 0
//       ACL: the grant must exist (kDenied otherwise) with any direction.
//   read(handle, buf, cap) -> bytes >= 0 | error < 0
//       ACL: the grant's *current* direction must include `in` (kWrongDirection); 0 bytes
//       or kEmpty when nothing is available (never blocks).
//   write(handle, buf, len) -> bytes >= 0 | error < 0
//       ACL: current direction must include `out`.
//   close(handle) -> 0 | error < 0
//   call(handle, req, req_len, resp, resp_cap) -> resp bytes >= 0 | error < 0
//       a request/response exchange in one host call (kv get/put, ml inference); ACL as
//       write followed by read on the same grant (needs both directions... unless the
//       service documents otherwise: a service may accept call() on an `out` grant when
//       the response is only a status).
//   now_us() -> i64   monotonic microseconds since the host started (no endpoint needed)
// Every read/write/call re-checks the container's current PermissionTable (grants can be
// revoked while a handle is open: the next call on it returns kDenied and is counted).
#pragma once

#include <cstdint>
#include <string_view>

namespace tc::host::abi {

inline constexpr std::string_view kModule = "tc";

// Result codes (negative i32). Values are part of the ABI: never renumber.
enum Code : std::int32_t {
  kOk = 0,
  kDenied = -1,          // no grant for this endpoint id (or revoked)
  kWrongDirection = -2,  // grant exists but not for this operation
  kWrongPeer = -3,       // grant names another peer
  kBadHandle = -4,       // handle not open
  kBadMemory = -5,       // pointer/length outside the caller's memory
  kEmpty = -6,           // nothing to read now (mailbox empty)
  kFull = -7,            // mailbox full, storage quota exceeded
  kTooBig = -8,          // message/value larger than allowed
  kInvalid = -9,         // malformed request for this service
  kNotFound = -10,       // e.g. kv key absent
  kRateLimited = -11,    // e.g. log rate limit
  kUnavailable = -12,    // no such service / peer container not present / remote peers
  kTooManyHandles = -13, // per-container open-handle limit reached
  kIo = -14,             // host-side I/O failure (e.g. kv persistence)
  kUnsupported = -15,    // operation not supported by this service (e.g. read on log)
};

[[nodiscard]] constexpr std::string_view code_name(std::int32_t c) noexcept {
  switch (c) {
    case kOk: return "ok";
    case kDenied: return "denied";
    case kWrongDirection: return "wrong_direction";
    case kWrongPeer: return "wrong_peer";
    case kBadHandle: return "bad_handle";
    case kBadMemory: return "bad_memory";
    case kEmpty: return "empty";
    case kFull: return "full";
    case kTooBig: return "too_big";
    case kInvalid: return "invalid";
    case kNotFound: return "not_found";
    case kRateLimited: return "rate_limited";
    case kUnavailable: return "unavailable";
    case kTooManyHandles: return "too_many_handles";
    case kIo: return "io";
    case kUnsupported: return "unsupported";
    default: return c >= 0 ? "ok" : "unknown";
  }
}

}  // namespace tc::host::abi
