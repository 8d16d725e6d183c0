/* Compiled as C99 with -Wall -Wextra -Werror -pedantic: wire.h must stay plain C. */
#include "services/wire.h"

typedef char tc_check_clock[TC_CLOCK_RECORD_SIZE == 16 ? 1 : -1];
typedef char tc_check_kv[TC_KV_HEADER_SIZE == 8 ? 1 : -1];

int tc_wire_c99_check(void);
int tc_wire_c99_check(void) {
  uint8_t req[TC_KV_HEADER_SIZE];
  tc_kv_header(req, TC_KV_GET, 1, 0);
  return TC_WIRE_OK + (int)sizeof(tc_check_clock) + (int)sizeof(tc_check_kv) +
         (int)tc_wire_get_u16(req + 2) + (int)tc_wire_get_u64(req) + tc_wire_get_i32(req);
}
