/* consumer (metadata/consumer.json): every loop, drain the mailbox (endpoint 1, from the
 * producer), check that sequence numbers arrive in order without gaps, and log one summary
 * line per loop that received something (endpoint 3). */
#include <stdio.h>

#include "tinycontainer.h"

static int32_t in = -1, logh = -1;
static uint32_t expected = 1;
static unsigned errors;

TC_EXPORT("start") int32_t start(void) {
  in = tc_open(1); /* opening creates the queue the producer writes to */
  logh = tc_open(3);
  return in < 0 || logh < 0;
}

TC_EXPORT("loop") int32_t loop(void) {
  uint8_t msg[32];
  uint32_t first = 0, last = 0, n = 0;
  int32_t r;
  while ((r = tc_read(in, msg, sizeof msg)) >= 0) {
    if (r < 16) continue;
    uint32_t seq = tc_wire_get_u32(msg);
    if (seq != expected) ++errors;
    expected = seq + 1;
    if (n++ == 0) first = seq;
    last = seq;
  }
  if (n > 0) {
    char line[96];
    snprintf(line, sizeof line, "received seq %u..%u (%u msgs) %s", (unsigned)first,
             (unsigned)last, (unsigned)n, errors ? "OUT OF ORDER" : "in order");
    tc_log(logh, line);
  }
  return 0;
}
