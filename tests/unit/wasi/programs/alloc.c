// Allocates and touches 1 MiB blocks until malloc fails, then aborts.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(void) {
  for (int i = 0;; ++i) {
    char* p = malloc(1 << 20);
    if (!p) {
      fprintf(stderr, "malloc failed after %d MiB\n", i);
      abort();
    }
    memset(p, 1, 1 << 20);
  }
}
