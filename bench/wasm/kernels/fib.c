/* fib: deep recursion — call/return overhead, small frames. */
#define BENCH_NAME "fib"
#include "bench_kernel.h"

static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

uint64_t bench_run(void) {
  uint32_t n = 38 + (uint32_t)(bench_seed & 1);  /* 34, via the volatile seed */
  uint64_t sum = 0;
  for (uint32_t i = 0; i < 3; ++i) sum = sum * 31 + fib(n + i % 2);
  return sum;
}
