/* tinycontainer WebAssembly benchmark kernels — shared harness.
 *
 * Contract: a kernel file defines BENCH_NAME, includes this header and defines
 * `uint64_t bench_run(void)`, a fixed, deterministic workload returning a checksum.
 * Only fixed-width integer types are used so that native x86-64 and wasm32 compute
 * bit-identical results (long is 64-bit natively but 32-bit on wasm32).
 *
 * Two builds from the same source:
 *   - default (native gcc, wasm32-wasi clang): main() prints "NAME CHECKSUM";
 *   - BENCH_BARE (wasm32, -nostdlib, no imports): bench_run is exported and an engine
 *     without WASI (wabt's wasm-interp --run-all-exports) calls it directly.
 */
#ifndef TC_BENCH_KERNEL_H
#define TC_BENCH_KERNEL_H

#include <stdint.h>

#ifdef BENCH_BARE
#define BENCH_EXPORT __attribute__((export_name("bench_run")))
#else
#define BENCH_EXPORT
#endif

BENCH_EXPORT uint64_t bench_run(void);

/* xorshift64*: the one PRNG of all kernels (deterministic, no libc). */
static inline uint64_t bench_rand(uint64_t* s) {
  uint64_t x = *s;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  *s = x;
  return x * 0x2545F4914F6CDD1DULL;
}

/* Seeds come from a volatile so no compiler can fold a kernel into a constant. */
static volatile uint64_t bench_seed = 0x9E3779B97F4A7C15ULL;

#ifndef BENCH_BARE
#include <inttypes.h>
#include <stdio.h>
int main(void) {
  uint64_t c = bench_run();
  printf("%s %" PRIu64 "\n", BENCH_NAME, c);
  return 0;
}
#endif

#endif
