/* Attack: perf_event_open (side channels, long history of kernel bugs).
 * Expected containment: seccomp violation "perf_event_open". */
#include "case.h"
#include <linux/perf_event.h>
#include <sys/syscall.h>
int main(void) {
  struct perf_event_attr attr;
  memset(&attr, 0, sizeof attr);
  attr.size = sizeof attr; attr.type = PERF_TYPE_SOFTWARE; attr.config = PERF_COUNT_SW_CPU_CLOCK;
  long rc = syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
  NOT_STOPPED("perf_event_open", rc);
}
