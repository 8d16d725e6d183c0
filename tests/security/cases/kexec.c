/* Attack: load a new kernel with kexec_load. Arguments are invalid on purpose (bad
 * flags) so that even unsandboxed root gets EINVAL and nothing is (un)loaded.
 * Expected containment: seccomp violation "kexec_load". */
#include "case.h"
#include <sys/syscall.h>
int main(void) { long rc = syscall(SYS_kexec_load, 0, 0, NULL, 0xdead0000UL); NOT_STOPPED("kexec_load", rc); }
