/* sort: quicksort and heapsort of 400k PRNG keys — compares, swaps, recursion. */
#define BENCH_NAME "sort"
#include "bench_kernel.h"

#define SORT_N 400000
static uint32_t a[SORT_N], b[SORT_N];

static void quicksort(uint32_t* v, int32_t lo, int32_t hi) {
  while (lo < hi) {
    uint32_t p = v[lo + (hi - lo) / 2];
    int32_t i = lo, j = hi;
    while (i <= j) {
      while (v[i] < p) ++i;
      while (v[j] > p) --j;
      if (i <= j) {
        uint32_t t = v[i]; v[i] = v[j]; v[j] = t;
        ++i; --j;
      }
    }
    if (j - lo < hi - i) { quicksort(v, lo, j); lo = i; }
    else { quicksort(v, i, hi); hi = j; }
  }
}

static void sift_down(uint32_t* v, uint32_t root, uint32_t n) {
  for (;;) {
    uint32_t child = 2 * root + 1;
    if (child >= n) return;
    if (child + 1 < n && v[child] < v[child + 1]) ++child;
    if (v[root] >= v[child]) return;
    uint32_t t = v[root]; v[root] = v[child]; v[child] = t;
    root = child;
  }
}

static void heapsort(uint32_t* v, uint32_t n) {
  for (uint32_t i = n / 2; i-- > 0;) sift_down(v, i, n);
  for (uint32_t end = n - 1; end > 0; --end) {
    uint32_t t = v[0]; v[0] = v[end]; v[end] = t;
    sift_down(v, 0, end);
  }
}

uint64_t bench_run(void) {
  uint64_t s = bench_seed, sum = 0;
  for (int rep = 0; rep < 5; ++rep) {
    for (uint32_t i = 0; i < SORT_N; ++i) a[i] = b[i] = (uint32_t)bench_rand(&s);
    quicksort(a, 0, SORT_N - 1);
    heapsort(b, SORT_N);
    for (uint32_t i = 0; i < SORT_N; ++i) {
      if (a[i] != b[i]) return 0; /* the two sorts disagree: a wrong engine */
      sum = sum * 31 + (a[i] >> (i & 15));
    }
  }
  return sum;
}
