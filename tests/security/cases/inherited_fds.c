/* Attack: look for file descriptors leaked from the runtime (CVE-2024-21626: a leaked
 * host directory fd let the workload reach the host filesystem).
 * Expected containment: only 0, 1, 2 are open -> CONTAINED. */
#include "case.h"
#include <fcntl.h>
int main(void) {
  for (int fd = 3; fd < 4096; ++fd) {
    if (fcntl(fd, F_GETFD) < 0) continue;
    char link[64], target[512] = "?";
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n > 0) target[n] = 0;
    ESCAPED("inherited fd %d -> %s", fd, target);
  }
  CONTAINED("no fd above 2 inherited");
}
