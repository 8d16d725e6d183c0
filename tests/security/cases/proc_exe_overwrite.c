/* Attack: runc CVE-2019-5736: open /proc/self/exe and /proc/1/exe for writing to
 * overwrite the runtime binary on the host (never writes: opening is the breach).
 * Expected containment: both opens fail (ETXTBSY / EACCES / not the host binary)
 * -> CONTAINED; the runner checks the runtime binary on the host is unchanged. */
#include "case.h"
#include <fcntl.h>
int main(void) {
  const char* paths[] = {"/proc/self/exe", "/proc/1/exe", "/proc/self/root/proc/1/exe"};
  for (unsigned i = 0; i < sizeof paths / sizeof *paths; ++i) {
    int fd = open(paths[i], O_WRONLY | O_CLOEXEC);
    if (fd >= 0) ESCAPED("%s opened for writing", paths[i]);
  }
  CONTAINED("no executable of the sandbox chain is writable: %s", strerror(errno));
}
