/* tinycontainer — the C header for container guests (wasm32-wasi, clang + wasi-libc).
 *
 * The "tc" imports mirror src/host/guest_abi.hpp exactly (names, types, result codes); the
 * helpers below encode/decode the services' wire formats of src/services/wire.h (included
 * here: one definition of every record layout, code and little-endian helper,
 * tc_wire_put_u32/tc_wire_get_u32/...). Every helper returns what the
 * host returned: bytes (>= 0) or a negative TC_WIRE_* code — a denial is a value, never a
 * trap.
 *
 * Guest entry points (docs/HOST.md): a periodic container exports `loop` (no params, i32
 * result: 0 = continue, non-zero = finished) and optionally `start` (i32: non-zero =
 * failed) and `stop`; build with -mexec-model=reactor so wasi-libc's _initialize runs
 * first. Use TC_EXPORT("loop") etc. */
#ifndef TINYCONTAINER_H
#define TINYCONTAINER_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "services/wire.h"

#define TC_IMPORT(name) __attribute__((import_module("tc"), import_name(name)))
#define TC_EXPORT(name) __attribute__((export_name(name)))

TC_IMPORT("open") int32_t tc_open(int32_t endpoint_id);
TC_IMPORT("read") int32_t tc_read(int32_t handle, void* buf, int32_t cap);
TC_IMPORT("write") int32_t tc_write(int32_t handle, const void* buf, int32_t len);
TC_IMPORT("close") int32_t tc_close(int32_t handle);
TC_IMPORT("call")
int32_t tc_call(int32_t handle, const void* req, int32_t req_len, void* resp, int32_t resp_cap);
TC_IMPORT("now_us") int64_t tc_now_us(void);

/* Name of a result code, for log lines ("denied", "empty", ...). */
static inline const char* tc_code_name(int32_t c) {
  switch (c) {
    case TC_WIRE_DENIED: return "denied";
    case TC_WIRE_WRONG_DIRECTION: return "wrong_direction";
    case TC_WIRE_WRONG_PEER: return "wrong_peer";
    case TC_WIRE_BAD_HANDLE: return "bad_handle";
    case TC_WIRE_BAD_MEMORY: return "bad_memory";
    case TC_WIRE_EMPTY: return "empty";
    case TC_WIRE_FULL: return "full";
    case TC_WIRE_TOO_BIG: return "too_big";
    case TC_WIRE_INVALID: return "invalid";
    case TC_WIRE_NOT_FOUND: return "not_found";
    case TC_WIRE_RATE_LIMITED: return "rate_limited";
    case TC_WIRE_UNAVAILABLE: return "unavailable";
    case TC_WIRE_TOO_MANY_HANDLES: return "too_many_handles";
    case TC_WIRE_IO: return "io";
    case TC_WIRE_UNSUPPORTED: return "unsupported";
    default: return c >= 0 ? "ok" : "unknown";
  }
}

/* ---- log: one write = one line ------------------------------------------------------ */
static inline int32_t tc_log(int32_t log, const char* text) {
  return tc_write(log, text, (int32_t)strlen(text));
}

/* ---- kv: call(request) → response (wire.h "kv") ------------------------------------- */
static inline int32_t tc_kv_request(int32_t kv, uint8_t op, const void* key, uint16_t key_len,
                                    const void* value, uint32_t value_len, void* resp,
                                    int32_t resp_cap) {
  uint8_t req[TC_KV_HEADER_SIZE + 64 + 64];
  if (key_len > 64 || value_len > 64) return TC_WIRE_TOO_BIG; /* this helper's buffer */
  tc_kv_header(req, op, key_len, value_len);
  memcpy(req + TC_KV_HEADER_SIZE, key, key_len);
  if (value_len) memcpy(req + TC_KV_HEADER_SIZE + key_len, value, value_len);
  return tc_call(kv, req, (int32_t)(TC_KV_HEADER_SIZE + key_len + value_len), resp, resp_cap);
}
static inline int32_t tc_kv_put(int32_t kv, const char* key, const void* value, uint32_t len) {
  uint8_t none[1];
  return tc_kv_request(kv, TC_KV_PUT, key, (uint16_t)strlen(key), value, len, none, 0);
}
static inline int32_t tc_kv_get(int32_t kv, const char* key, void* out, int32_t cap) {
  return tc_kv_request(kv, TC_KV_GET, key, (uint16_t)strlen(key), 0, 0, out, cap);
}

/* ---- sensors ------------------------------------------------------------------------ */
static inline int32_t tc_read_temperature(int32_t sensor, uint64_t* sample, int32_t* millicelsius) {
  uint8_t rec[TC_TEMPERATURE_RECORD_SIZE];
  int32_t n = tc_read(sensor, rec, sizeof rec);
  if (n < (int32_t)sizeof rec) return n < 0 ? n : TC_WIRE_INVALID;
  *sample = tc_wire_get_u64(rec);
  *millicelsius = tc_wire_get_i32(rec + 8);
  return n;
}
static inline int32_t tc_read_accel(int32_t sensor, int32_t xyz_mg[3]) {
  uint8_t rec[TC_ACCEL_RECORD_SIZE];
  int32_t n = tc_read(sensor, rec, sizeof rec);
  if (n < (int32_t)sizeof rec) return n < 0 ? n : TC_WIRE_INVALID;
  for (int i = 0; i < 3; ++i) xyz_mg[i] = tc_wire_get_i32(rec + 8 + 4 * i);
  return n;
}

#endif /* TINYCONTAINER_H */
