/* Attack: attach a SysV shared memory segment of a host process (argv[1] = key).
 * Expected containment: the IPC namespace hides it (ENOENT) -> CONTAINED. */
#include "case.h"
#include <sys/ipc.h>
#include <sys/shm.h>
int main(int argc, char** argv) {
  if (argc < 2) return 2;
  key_t key = (key_t)strtol(argv[1], NULL, 0);
  int id = shmget(key, 0, 0);
  if (id >= 0) ESCAPED("host SysV segment key %s visible (id %d)", argv[1], id);
  CONTAINED("SysV key %s not visible: %s", argv[1], strerror(errno));
}
