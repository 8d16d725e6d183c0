/* Attack: io_uring (large kernel attack surface; its operations bypass seccomp).
 * Expected containment: seccomp violation "io_uring_setup". */
#include "case.h"
#include <linux/io_uring.h>
#include <sys/syscall.h>
int main(void) {
  struct io_uring_params p;
  memset(&p, 0, sizeof p);
  long rc = syscall(SYS_io_uring_setup, 4, &p);
  NOT_STOPPED("io_uring_setup", rc);
}
