/* sieve: Eratosthenes over a 4 MiB byte array — integer loops over memory. */
#define BENCH_NAME "sieve"
#include "bench_kernel.h"

#define SIEVE_N (1u << 22)
static uint8_t composite[SIEVE_N];

static uint32_t sieve_once(uint32_t limit) {
  for (uint32_t i = 0; i < limit; ++i) composite[i] = 0;
  uint32_t count = 0;
  for (uint32_t i = 2; i < limit; ++i) {
    if (composite[i]) continue;
    ++count;
    for (uint64_t j = (uint64_t)i * i; j < limit; j += i) composite[j] = 1;
  }
  return count;
}

uint64_t bench_run(void) {
  uint64_t sum = 0;
  uint32_t limit = SIEVE_N - (uint32_t)(bench_seed & 1);
  for (uint32_t rep = 0; rep < 24; ++rep) sum = sum * 1000003u + sieve_once(limit - rep * 1000);
  return sum;
}
