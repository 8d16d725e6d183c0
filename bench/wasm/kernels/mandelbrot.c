/* mandelbrot: escape-time iteration over a 1000x1000 grid — f64 loops, branches. */
#define BENCH_NAME "mandelbrot"
#include "bench_kernel.h"

uint64_t bench_run(void) {
  const int w = 1600 + (int)(bench_seed & 1), h = 1600, max_iter = 150;
  uint64_t sum = 0;
  for (int y = 0; y < h; ++y) {
    double ci = 2.0 * y / h - 1.0;
    for (int x = 0; x < w; ++x) {
      double cr = 2.0 * x / w - 1.5;
      double zr = 0, zi = 0, tr = 0, ti = 0;
      int i = 0;
      for (; i < max_iter && tr + ti <= 4.0; ++i) {
        zi = 2.0 * zr * zi + ci;
        zr = tr - ti + cr;
        tr = zr * zr;
        ti = zi * zi;
      }
      sum = sum * 33 + (uint64_t)i;
    }
  }
  return sum;
}
