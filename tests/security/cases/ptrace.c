/* Attack: attach to the parent (a supervisor or bootstrap process) with ptrace.
 * Expected containment: seccomp violation "ptrace". */
#include "case.h"
#include <sys/ptrace.h>
int main(void) { long rc = ptrace(PTRACE_ATTACH, getppid(), NULL, NULL); NOT_STOPPED("ptrace", rc); }
