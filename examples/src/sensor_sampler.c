/* sensor-sampler (metadata/sensor_sampler.json): every loop period, read the temperature
 * sensor (endpoint 1), store the reading and a running sample count in the kv store
 * (endpoint 2, persisted by the host across restarts), and log it (endpoint 3).
 * At start it reads the count back: after a host restart it resumes where it stopped. */
#include <stdio.h>

#include "tinycontainer.h"

static int32_t sensor = -1, kv = -1, logh = -1;
static uint32_t count;

TC_EXPORT("start") int32_t start(void) {
  sensor = tc_open(1);
  kv = tc_open(2);
  logh = tc_open(3);
  if (sensor < 0 || kv < 0 || logh < 0) return 1; /* granted by the metadata: must open */
  uint8_t stored[4];
  int32_t n = tc_kv_get(kv, "count", stored, sizeof stored);
  count = n == 4 ? tc_wire_get_u32(stored) : 0;
  char line[96];
  snprintf(line, sizeof line, "start: resuming at count %u (kv get: %s)", (unsigned)count,
           tc_code_name(n < 0 ? n : 0));
  tc_log(logh, line);
  return 0;
}

TC_EXPORT("loop") int32_t loop(void) {
  uint64_t sample = 0;
  int32_t mc = 0;
  int32_t r = tc_read_temperature(sensor, &sample, &mc);
  char line[96];
  if (r < 0) {
    snprintf(line, sizeof line, "sensor read failed: %s", tc_code_name(r));
    tc_log(logh, line);
    return 0;
  }
  ++count;
  uint8_t v[4];
  tc_wire_put_u32(v, (uint32_t)mc);
  int32_t p1 = tc_kv_put(kv, "last_millicelsius", v, 4);
  tc_wire_put_u32(v, count);
  int32_t p2 = tc_kv_put(kv, "count", v, 4);
  snprintf(line, sizeof line, "count %u: %d.%03d C (kv put: %s)", (unsigned)count, mc / 1000,
           (mc < 0 ? -mc : mc) % 1000, tc_code_name(p1 < 0 ? p1 : p2));
  tc_log(logh, line);
  return 0;
}

TC_EXPORT("stop") void stop(void) {
  char line[64];
  snprintf(line, sizeof line, "stop: %u samples stored", (unsigned)count);
  tc_log(logh, line);
}
