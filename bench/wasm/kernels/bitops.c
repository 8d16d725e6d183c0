/* bitops: table-driven CRC-32, SWAR popcount and a bitboard flood fill — shifts,
 * masks, rotates over a 256 KiB buffer. */
#define BENCH_NAME "bitops"
#include "bench_kernel.h"

#define BUF_WORDS (1u << 16)
static uint32_t buf[BUF_WORDS];
static uint32_t crc_table[256];

static void crc_init(void) {
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    crc_table[i] = c;
  }
}

static uint32_t crc32_words(const uint32_t* p, uint32_t n, uint32_t crc) {
  crc = ~crc;
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t w = p[i];
    for (int b = 0; b < 4; ++b, w >>= 8) crc = crc_table[(crc ^ w) & 0xFF] ^ (crc >> 8);
  }
  return ~crc;
}

static uint32_t popcount64(uint64_t x) {
  x = x - ((x >> 1) & 0x5555555555555555ULL);
  x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
  return (uint32_t)((x * 0x0101010101010101ULL) >> 56);
}

/* Squares reachable by a king from `from` on an 8x8 board without crossing `walls`. */
static uint64_t flood(uint64_t from, uint64_t walls) {
  const uint64_t not_a = 0xFEFEFEFEFEFEFEFEULL, not_h = 0x7F7F7F7F7F7F7F7FULL;
  uint64_t seen = from & ~walls, prev = 0;
  while (seen != prev) {
    prev = seen;
    uint64_t e = (seen << 1) & not_a, w = (seen >> 1) & not_h;
    uint64_t row = seen | e | w;
    seen |= (row | (row << 8) | (row >> 8)) & ~walls;
  }
  return seen;
}

static uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

uint64_t bench_run(void) {
  uint64_t s = bench_seed;
  crc_init();
  for (uint32_t i = 0; i < BUF_WORDS; ++i) buf[i] = (uint32_t)bench_rand(&s);
  uint64_t sum = 0;
  uint32_t crc = 0;
  for (int rep = 0; rep < 300; ++rep) {
    crc = crc32_words(buf, BUF_WORDS, crc);
    buf[rep] ^= crc;
  }
  sum = crc;
  for (int rep = 0; rep < 400; ++rep)
    for (uint32_t i = 0; i + 1 < BUF_WORDS; i += 2) {
      uint64_t x = ((uint64_t)buf[i] << 32) | buf[i + 1];
      sum += popcount64(x ^ rotl(x, rep % 63 + 1));
    }
  for (int rep = 0; rep < 4000000; ++rep) {
    uint64_t walls = bench_rand(&s) & bench_rand(&s);
    sum = sum * 3 + popcount64(flood(1ULL << (rep & 63), walls));
  }
  return sum;
}
