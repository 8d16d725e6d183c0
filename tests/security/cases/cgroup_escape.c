/* Attack: move ourselves to the root cgroup (escaping memory/pids/cpu limits) by writing
 * our pid to cgroup.procs of every hierarchy we can see.
 * Expected containment: no cgroup.procs is writable -> CONTAINED. */
#include "case.h"
#include <dirent.h>
#include <fcntl.h>
int main(void) {
  char path[512];
  int tried = 0;
  const char* roots[] = {"/sys/fs/cgroup", "/sys/fs/cgroup/unified"};
  for (unsigned r = 0; r < 2; ++r) {
    snprintf(path, sizeof path, "%s/cgroup.procs", roots[r]);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    ++tried;
    if (fd >= 0 && dprintf(fd, "%d\n", getpid()) > 0) ESCAPED("joined %s", path);
  }
  DIR* d = opendir("/sys/fs/cgroup");
  struct dirent* e;
  while (d && (e = readdir(d))) {
    if (e->d_name[0] == '.') continue;
    snprintf(path, sizeof path, "/sys/fs/cgroup/%s/cgroup.procs", e->d_name);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    ++tried;
    if (fd >= 0 && dprintf(fd, "%d\n", getpid()) > 0) ESCAPED("joined %s", path);
  }
  CONTAINED("%d cgroup.procs files not writable", tried);
}
