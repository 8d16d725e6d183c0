// Prints to stdout and stderr.
#include <stdio.h>
int main(void) {
  printf("hello, wasi\n");
  fprintf(stderr, "to stderr\n");
  return 0;
}
