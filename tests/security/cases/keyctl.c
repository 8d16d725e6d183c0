/* Attack: reach the kernel keyring (not namespaced: keys of other tenants/host).
 * Expected containment: seccomp violation "keyctl". */
#include "case.h"
#include <linux/keyctl.h>
#include <sys/syscall.h>
int main(void) {
  long rc = syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0);
  NOT_STOPPED("keyctl", rc);
}
