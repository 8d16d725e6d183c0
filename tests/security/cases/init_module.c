/* Attack: load a kernel module (an empty image: the kernel would reject it anyway).
 * Expected containment: seccomp violation "init_module". */
#include "case.h"
#include <sys/syscall.h>
int main(void) { long rc = syscall(SYS_init_module, NULL, 0, ""); NOT_STOPPED("init_module", rc); }
