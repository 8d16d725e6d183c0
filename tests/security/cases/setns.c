/* Attack: join another process's namespaces through /proc/<pid>/ns/<type> (e.g. the host's,
 * if any host process were visible), starting with our own mount ns fd.
 * Expected containment: seccomp violation "setns". */
#include "case.h"
#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
int main(void) {
  int fd = open("/proc/self/ns/mnt", O_RDONLY | O_CLOEXEC);
  if (fd < 0) CONTAINED("cannot open /proc/self/ns/mnt: %s", strerror(errno));
  long rc = setns(fd, 0);
  NOT_STOPPED("setns", rc);
}
