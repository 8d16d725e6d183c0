/* Attack: pivot_root(".", ".") to stack a new root and detach the sandbox's.
 * Expected containment: seccomp violation "pivot_root". */
#include "case.h"
#include <sys/syscall.h>
int main(void) { long rc = syscall(SYS_pivot_root, ".", "."); NOT_STOPPED("pivot_root", rc); }
