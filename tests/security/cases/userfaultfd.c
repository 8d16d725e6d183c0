/* Attack: userfaultfd, the classic primitive to win kernel races.
 * Expected containment: seccomp violation "userfaultfd". */
#include "case.h"
#include <sys/syscall.h>
int main(void) { long rc = syscall(SYS_userfaultfd, 0); NOT_STOPPED("userfaultfd", rc); }
