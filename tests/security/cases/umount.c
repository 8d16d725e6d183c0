/* Attack: lazily unmount / to reveal what is underneath the sandbox root.
 * Expected containment: seccomp violation "umount2". */
#include "case.h"
#include <sys/mount.h>
int main(void) { long rc = umount2("/", MNT_DETACH); NOT_STOPPED("umount2", rc); }
