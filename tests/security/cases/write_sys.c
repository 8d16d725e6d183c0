/* Attack: write to host kernel state: /proc/sys (core_pattern = host code execution),
 * /proc/sysrq-trigger, /sys, raw devices in /dev, and create device nodes.
 * Never writes a byte: a successful O_WRONLY open is already the breach.
 * Expected containment: every open and mknod fails -> CONTAINED; the runner checks
 * core_pattern on the host is unchanged. */
#include "case.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
int main(void) {
  const char* paths[] = {"/proc/sys/kernel/core_pattern", "/proc/sys/kernel/modprobe",
                         "/proc/sys/vm/drop_caches", "/proc/sysrq-trigger",
                         "/sys/kernel/uevent_helper", "/sys/power/state", "/dev/mem", "/dev/kmsg",
                         "/dev/sda", "/dev/vda", "/dev/tty1"};
  for (unsigned i = 0; i < sizeof paths / sizeof *paths; ++i) {
    int fd = open(paths[i], O_WRONLY | O_CLOEXEC);
    if (fd >= 0) ESCAPED("%s opened for writing", paths[i]);
  }
  if (mknod("tc-mem-node", S_IFCHR | 0600, makedev(1, 1)) == 0) {
    unlink("tc-mem-node");
    ESCAPED("created a /dev/mem device node");
  }
  CONTAINED("no kernel state writable, no device node: %s", strerror(errno));
}
