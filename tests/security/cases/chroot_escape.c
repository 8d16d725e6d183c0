/* Attack: the classic chroot + fchdir escape: keep a dirfd, chroot into a subdirectory,
 * fchdir back out, climb with "..", chroot(".") at the real root.
 * Expected containment: seccomp violation "chroot". */
#include "case.h"
#include <fcntl.h>
#include <sys/stat.h>
int main(void) {
  int keep = open(".", O_RDONLY | O_DIRECTORY);
  mkdir("tc-chroot-escape", 0700);
  long rc = chroot("tc-chroot-escape");
  if (rc == 0 && fchdir(keep) == 0) {
    for (int i = 0; i < 64; ++i) (void)!chdir("..");
    rc = chroot(".");
  }
  NOT_STOPPED("chroot", rc);
}
