/* Attack: reboot the host. Uses a wrong magic number so even unsandboxed root only gets
 * EINVAL. Expected containment: seccomp violation "reboot". */
#include "case.h"
#include <sys/syscall.h>
int main(void) { long rc = syscall(SYS_reboot, 0x12345678, 0x0badf00d, 0, NULL); NOT_STOPPED("reboot", rc); }
