// Lists the directory argv[1] (sorted by the test, not here).
#include <dirent.h>
#include <stdio.h>
int main(int argc, char** argv) {
  DIR* d = opendir(argc > 1 ? argv[1] : ".");
  if (!d) { perror("opendir"); return 1; }
  struct dirent* e;
  while ((e = readdir(d)) != NULL) printf("%s\n", e->d_name);
  closedir(d);
  return 0;
}
