// Prints argc, each argument and the GREETING environment variable.
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char** argv) {
  printf("argc=%d\n", argc);
  for (int i = 1; i < argc; ++i) printf("arg%d=%s\n", i, argv[i]);
  const char* g = getenv("GREETING");
  printf("GREETING=%s\n", g ? g : "(unset)");
  return 0;
}
