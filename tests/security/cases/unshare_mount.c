/* Attack: create a fresh user+mount namespace (where we would be "root") and mount there.
 * Expected containment: seccomp violation "unshare" (namespace creation is dangerous). */
#include "case.h"
#include <sched.h>
#include <sys/mount.h>
int main(void) {
  long rc = unshare(CLONE_NEWUSER | CLONE_NEWNS);
  if (rc == 0) rc = mount("none", "/tmp", "tmpfs", 0, NULL);
  NOT_STOPPED("unshare", rc);
}
