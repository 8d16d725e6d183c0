// Allocates and touches 1 MiB blocks until malloc fails, then aborts. The blocks are
// chained into a list so the compiler cannot elide the allocations.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
struct block { struct block* next; char data[(1 << 20) - sizeof(void*)]; };
int main(void) {
  struct block* head = NULL;
  for (int i = 0;; ++i) {
    struct block* b = malloc(sizeof *b);
    if (!b) {
      unsigned long sum = 0;
      for (struct block* p = head; p; p = p->next) sum += (unsigned char)p->data[i % 100];
      fprintf(stderr, "malloc failed after %d MiB (%lu)\n", i, sum);
      abort();
    }
    memset(b->data, i, sizeof b->data);
    b->next = head;
    head = b;
  }
}
