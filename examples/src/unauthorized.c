/* curious (metadata/unauthorized.json): granted only the log (endpoint 3). Every loop it
 * tries the kv store's endpoint 2, which it was not granted: the host refuses the open with
 * a negative code (counted in the container's `denials`), the container logs the code and
 * keeps running until its lifetime (10 loops) ends it. */
#include <stdio.h>

#include "tinycontainer.h"

static int32_t logh = -1;
static unsigned attempts;

TC_EXPORT("start") int32_t start(void) {
  logh = tc_open(3);
  return logh < 0;
}

TC_EXPORT("loop") int32_t loop(void) {
  int32_t h = tc_open(2); /* not granted */
  char line[96];
  ++attempts;
  if (h >= 0) {
    snprintf(line, sizeof line, "attempt %u: open(2) unexpectedly granted (handle %d)", attempts, h);
    tc_close(h);
  } else {
    snprintf(line, sizeof line, "attempt %u: open(2) refused: %s (%d)", attempts, tc_code_name(h), h);
  }
  tc_log(logh, line);
  return 0;
}
