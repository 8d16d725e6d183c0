/* producer (metadata/producer.json): every loop, read the accelerometer (endpoint 2) and
 * send one message {u32 seq, i32 x, y, z} to the consumer's mailbox (endpoint 1). A message
 * the mailbox cannot take yet (consumer not started: unavailable; queue full) is kept and
 * sent again next loop, so the consumer sees seq 1, 2, 3 ... with no gap. */
#include <stdio.h>

#include "tinycontainer.h"

static int32_t out = -1, accel = -1, logh = -1;
static uint32_t seq = 1;
static uint8_t pending[16];
static int have_pending;

TC_EXPORT("start") int32_t start(void) {
  out = tc_open(1);
  accel = tc_open(2);
  logh = tc_open(3);
  return out < 0 || accel < 0 || logh < 0;
}

TC_EXPORT("loop") int32_t loop(void) {
  if (!have_pending) {
    int32_t xyz[3] = {0, 0, 0};
    if (tc_read_accel(accel, xyz) < 0) return 0;
    tc_wire_put_u32(pending, seq);
    for (int i = 0; i < 3; ++i) tc_wire_put_u32(pending + 4 + 4 * i, (uint32_t)xyz[i]);
    have_pending = 1;
  }
  int32_t r = tc_write(out, pending, sizeof pending);
  if (r >= 0) {
    have_pending = 0;
    ++seq;
  } else if (seq == 1 || r != TC_WIRE_UNAVAILABLE) {
    char line[64];
    snprintf(line, sizeof line, "send seq %u: %s, retrying", (unsigned)seq, tc_code_name(r));
    tc_log(logh, line);
  }
  return 0;
}
