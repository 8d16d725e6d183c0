/* matmul: 192x192 int32 matrix multiply, i-k-j order — integer loops over memory. */
#define BENCH_NAME "matmul"
#include "bench_kernel.h"

#define MM_N 192
static int32_t ma[MM_N][MM_N], mb[MM_N][MM_N], mc[MM_N][MM_N];

static void multiply(void) {
  for (int i = 0; i < MM_N; ++i) {
    for (int j = 0; j < MM_N; ++j) mc[i][j] = 0;
    for (int k = 0; k < MM_N; ++k) {
      int32_t a = ma[i][k];
      for (int j = 0; j < MM_N; ++j) mc[i][j] += a * mb[k][j];
    }
  }
}

uint64_t bench_run(void) {
  uint64_t s = bench_seed;
  for (int i = 0; i < MM_N; ++i)
    for (int j = 0; j < MM_N; ++j) {
      ma[i][j] = (int32_t)(bench_rand(&s) % 201) - 100;
      mb[i][j] = (int32_t)(bench_rand(&s) % 201) - 100;
    }
  uint64_t sum = 0;
  for (int rep = 0; rep < 240; ++rep) {
    multiply();
    for (int i = 0; i < MM_N; ++i) {
      sum = sum * 31 + (uint32_t)mc[i][(i + rep) % MM_N];
      ma[i][rep % MM_N] ^= (int32_t)(sum & 7); /* feed back so reps differ */
    }
  }
  return sum;
}
