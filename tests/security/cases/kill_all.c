/* Attack: kill -9 -1: signal every process we may signal.
 * Expected containment: the pid namespace limits "every process" to the sandbox; we
 * survive (kill(-1) skips the caller) -> CONTAINED; the runner checks a sentinel process
 * on the host, running as the same host uid, is still alive. */
#include "case.h"
#include <signal.h>
int main(void) {
  long rc = kill(-1, SIGKILL);
  CONTAINED("kill(-1, SIGKILL) returned %ld (%s); the runner checks the host", rc, rc ? strerror(errno) : "ok");
}
