/* Attack: execute a setuid-root binary to gain privileges (the runner installs a
 * setuid-root copy of this program and runs that copy).
 * Expected containment: no_new_privs ignores the setuid bit and every capability set is
 * empty: euid stays the real uid and CapEff is 0 -> CONTAINED. */
#include "case.h"
int main(void) {
  FILE* f = fopen("/proc/self/status", "r");
  char line[256];
  unsigned long long capeff = ~0ULL;
  int nnp = -1;
  while (f && fgets(line, sizeof line, f)) {
    sscanf(line, "CapEff: %llx", &capeff);
    sscanf(line, "NoNewPrivs: %d", &nnp);
  }
  printf("ruid=%d euid=%d capeff=%llx nnp=%d\n", (int)getuid(), (int)geteuid(), capeff, nnp);
  if (geteuid() != getuid() || capeff != 0) ESCAPED("elevated: euid=%d capeff=%llx", (int)geteuid(), capeff);
  CONTAINED("no elevation (nnp=%d)", nnp);
}
