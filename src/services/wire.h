/* tinycontainer host services — wire formats (plain C99, shared by the host and C guests).
 *
 * Every multi-byte integer on the wire is little-endian and unaligned: guests and the host
 * copy bytes, they never cast a pointer into these layouts. The TC_*_SIZE constants are the
 * exact byte sizes of the fixed records; the field offsets are given beside each field.
 * Result codes are the host ABI codes (src/host/guest_abi.hpp): a negative i32 returned by
 * open/read/write/call. Values in this header are part of the ABI: never renumber.
 *
 * Conventions common to all services:
 *  - a response or read buffer too small for the record/value → TC_WIRE_TOO_BIG (-8), and
 *    nothing is consumed (the guest may retry with a larger buffer);
 *  - a malformed request (wrong size, unknown op, bad field) → TC_WIRE_INVALID (-9);
 *  - an operation a service does not offer (e.g. read on `log`) → TC_WIRE_UNSUPPORTED (-15).
 * docs/SERVICES.md documents each service in full. */
#ifndef TC_SERVICES_WIRE_H
#define TC_SERVICES_WIRE_H

#include <stdint.h>

/* ---- Result codes (mirror tc::host::abi::Code) -------------------------------------- */
#define TC_WIRE_OK 0
#define TC_WIRE_DENIED (-1)
#define TC_WIRE_WRONG_DIRECTION (-2)
#define TC_WIRE_WRONG_PEER (-3)
#define TC_WIRE_BAD_HANDLE (-4)
#define TC_WIRE_BAD_MEMORY (-5)
#define TC_WIRE_EMPTY (-6)
#define TC_WIRE_FULL (-7)
#define TC_WIRE_TOO_BIG (-8)
#define TC_WIRE_INVALID (-9)
#define TC_WIRE_NOT_FOUND (-10)
#define TC_WIRE_RATE_LIMITED (-11)
#define TC_WIRE_UNAVAILABLE (-12)
#define TC_WIRE_TOO_MANY_HANDLES (-13)
#define TC_WIRE_IO (-14)
#define TC_WIRE_UNSUPPORTED (-15)

/* ---- Service names (metadata grant: peer_type "local", peer = the name) -------------- */
#define TC_SERVICE_LOG "log"
#define TC_SERVICE_CLOCK "clock"
#define TC_SERVICE_KV "kv"
#define TC_SERVICE_TEMPERATURE "sensor.temperature"
#define TC_SERVICE_ACCELEROMETER "sensor.accelerometer"
#define TC_SERVICE_LED "actuator.led"
#define TC_SERVICE_GPIO "actuator.gpio"
#define TC_SERVICE_MAILBOX "mailbox" /* reached through peer_type "container" grants */

/* ---- log: write(text) = one line -----------------------------------------------------
 * The bytes written are one log line (UTF-8). Returns the number of bytes consumed (all).
 * One trailing "\n" is dropped; control characters, DEL and invalid UTF-8 bytes are
 * escaped as \xNN (backslash as \\); the escaped line is cut at TC_LOG_MAX_LINE bytes and
 * then marked with a trailing "...". Over the per-container rate limit → TC_WIRE_RATE_LIMITED
 * (the line is dropped). read/call → TC_WIRE_UNSUPPORTED. */
#define TC_LOG_MAX_LINE 512u

/* ---- clock: read → tc_clock_record ---------------------------------------------------
 *   off 0  u64 monotonic_us  microseconds since the host started (never goes backwards)
 *   off 8  u64 wall_us       microseconds since 1970-01-01T00:00:00Z (may jump) */
#define TC_CLOCK_RECORD_SIZE 16u

/* ---- kv: call(request) → response ----------------------------------------------------
 * Request (TC_KV_HEADER_SIZE bytes then the key, then the value):
 *   off 0  u8  op          TC_KV_GET / TC_KV_PUT / TC_KV_DELETE / TC_KV_LIST
 *   off 1  u8  flags       must be 0
 *   off 2  u16 key_len     1..TC_KV_MAX_KEY (0 allowed only for LIST = all keys)
 *   off 4  u32 value_len   PUT: 0..TC_KV_MAX_VALUE; GET/DELETE: 0;
 *                          LIST: 0, or the length of a cursor key (below)
 *   off 8  key bytes, then value bytes; request length must be exactly 8+key_len+value_len
 * Responses (call() return value = response bytes, or a negative code):
 *   GET    the value bytes; TC_WIRE_NOT_FOUND when absent
 *   PUT    0; TC_WIRE_FULL when keys+values of the namespace would exceed the quota
 *          (limits.storage_quota); TC_WIRE_IO when the host could not persist it
 *   DELETE 0; TC_WIRE_NOT_FOUND when absent
 *   LIST   key = prefix; optional cursor = "return keys strictly after this one".
 *          Response: u16 count, u16 flags (bit 0 TC_KV_LIST_MORE: more keys follow — call
 *          again with the last returned key as cursor), then count × { u16 len, key bytes }
 *          in ascending byte order, as many as fit in the response buffer.
 * Keys are arbitrary bytes. Each container has its own namespace (its uid). */
#define TC_KV_HEADER_SIZE 8u
#define TC_KV_GET 1u
#define TC_KV_PUT 2u
#define TC_KV_DELETE 3u
#define TC_KV_LIST 4u
#define TC_KV_MAX_KEY 256u
#define TC_KV_MAX_VALUE 65536u
#define TC_KV_LIST_HEADER_SIZE 4u
#define TC_KV_LIST_MORE 1u

/* ---- sensor.temperature: read → tc_temperature_record ----------------------------------
 *   off 0  u64 sample        index of this sample for this container (0, 1, 2 ...)
 *   off 8  i32 millicelsius  temperature in 1/1000 °C
 *   off 12 u32 reserved      0
 * Samples are a deterministic function of (host sensor seed, container uid, sample). */
#define TC_TEMPERATURE_RECORD_SIZE 16u

/* ---- sensor.accelerometer: read → tc_accel_record ------------------------------------
 *   off 0  u64 sample   index of this sample for this container
 *   off 8  i32 x_mg     acceleration in milli-g (1 g = 1000)
 *   off 12 i32 y_mg
 *   off 16 i32 z_mg
 *   off 20 u32 reserved 0 */
#define TC_ACCEL_RECORD_SIZE 24u

/* ---- actuator.led / actuator.gpio: write(1 byte) sets, read → 1 byte ------------------
 * The channel (LED index, GPIO pin) is the grant's peer_endpoint: 0..TC_LED_COUNT-1 or
 * 0..TC_GPIO_PINS-1 (another value → open fails with TC_WIRE_INVALID).
 *   led:  u8 brightness, 0 = off, 1..255 = on
 *   gpio: u8 level, 0 or 1 (other → TC_WIRE_INVALID)
 * write returns 1; read returns 1 with the current state (0 initially). The state is the
 * device's: every container granted the same channel sees and sets the same state. */
#define TC_ACTUATOR_RECORD_SIZE 1u
#define TC_LED_COUNT 8u
#define TC_GPIO_PINS 32u

/* ---- mailbox: container-to-container messages ----------------------------------------
 * Sender A's grant: peer_type container, peer "B", peer_endpoint E, direction out|both;
 * write(msg) copies msg into B's inbound queue E. Receiver B's grant: endpoint_id E,
 * peer_type container, peer "A", direction in|both; read(buf) takes the oldest message.
 * The queue exists once B has opened its grant E (and until B is removed); messages from a
 * container other than the one B's grant names are refused.
 *   write → message length; TC_WIRE_FULL (queue holds limits.mailbox_capacity messages of
 *           B), TC_WIRE_TOO_BIG (longer than B's limits.mailbox_message_size),
 *           TC_WIRE_UNAVAILABLE (B absent or has not opened E), TC_WIRE_WRONG_PEER (B's
 *           grant E names another sender)
 *   read  → message length (0 is a valid empty message); TC_WIRE_EMPTY when none;
 *           TC_WIRE_TOO_BIG when buf is smaller than the oldest message (it stays queued) */

/* ---- Little-endian helpers for guests (byte-wise: no alignment, no endianness) ------- */
static inline void tc_wire_put_u16(uint8_t* p, uint16_t v) {
  p[0] = (uint8_t)v;
  p[1] = (uint8_t)(v >> 8);
}
static inline void tc_wire_put_u32(uint8_t* p, uint32_t v) {
  tc_wire_put_u16(p, (uint16_t)v);
  tc_wire_put_u16(p + 2, (uint16_t)(v >> 16));
}
static inline uint16_t tc_wire_get_u16(const uint8_t* p) {
  return (uint16_t)(p[0] | (uint16_t)(p[1] << 8));
}
static inline uint32_t tc_wire_get_u32(const uint8_t* p) {
  return (uint32_t)tc_wire_get_u16(p) | ((uint32_t)tc_wire_get_u16(p + 2) << 16);
}
static inline uint64_t tc_wire_get_u64(const uint8_t* p) {
  return (uint64_t)tc_wire_get_u32(p) | ((uint64_t)tc_wire_get_u32(p + 4) << 32);
}
static inline int32_t tc_wire_get_i32(const uint8_t* p) {
  uint32_t u = tc_wire_get_u32(p);
  return u <= 0x7fffffffu ? (int32_t)u : (int32_t)(u - 0x80000000u) - 0x7fffffff - 1;
}
/* Writes the 8-byte kv request header; the key then the value follow it in the request. */
static inline void tc_kv_header(uint8_t* out, uint8_t op, uint16_t key_len, uint32_t value_len) {
  out[0] = op;
  out[1] = 0;
  tc_wire_put_u16(out + 2, key_len);
  tc_wire_put_u32(out + 4, value_len);
}

#endif /* TC_SERVICES_WIRE_H */
