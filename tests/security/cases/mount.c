/* Attack: mount a tmpfs over /tmp (the first step of most mount-namespace escapes).
 * Expected containment: seccomp violation "mount" (mount is on the dangerous list). */
#include "case.h"
#include <sys/mount.h>
int main(void) { long rc = mount("none", "/tmp", "tmpfs", 0, NULL); NOT_STOPPED("mount", rc); }
