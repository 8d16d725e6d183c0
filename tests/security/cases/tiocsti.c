/* Attack: TIOCSTI pushes characters into the controlling terminal's input queue, so a
 * shell outside the sandbox would execute them once the sandbox exits.
 * Expected containment: seccomp violation "ioctl" (TIOCSTI is filtered by argument). */
#include "case.h"
#include <sys/ioctl.h>
int main(void) {
  const char* cmd = "echo pwned\n";
  long rc = 0;
  for (const char* c = cmd; *c && rc == 0; ++c) rc = ioctl(0, TIOCSTI, c);
  NOT_STOPPED("ioctl(TIOCSTI)", rc);
}
