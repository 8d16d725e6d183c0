/* Attack: clone() a child directly into new user+mount namespaces (bypassing unshare).
 * Expected containment: seccomp violation "clone" (namespace flags are filtered). */
#include "case.h"
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
int main(void) {
  long rc = syscall(SYS_clone, CLONE_NEWUSER | CLONE_NEWNS | SIGCHLD, 0, 0, 0, 0);
  if (rc == 0) _exit(0);
  NOT_STOPPED("clone", rc);
}
