/* Attack: write into the parent's memory with process_vm_writev.
 * Expected containment: seccomp violation "process_vm_writev". */
#include "case.h"
#include <sys/uio.h>
int main(void) {
  char buf[8] = "pwned";
  struct iovec local = {buf, sizeof buf}, remote = {(void*)0x10000, sizeof buf};
  long rc = process_vm_writev(getppid(), &local, 1, &remote, 1, 0);
  NOT_STOPPED("process_vm_writev", rc);
}
