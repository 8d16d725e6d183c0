/* hashtable: open addressing (linear probing) insert/lookup/delete of 64-bit keys in
 * a 2^20-slot table — hashing, random memory access. */
#define BENCH_NAME "hashtable"
#include "bench_kernel.h"

#define HT_BITS 20
#define HT_SIZE (1u << HT_BITS)
#define EMPTY 0ULL
#define TOMB 1ULL

static uint64_t keys[HT_SIZE];
static uint32_t vals[HT_SIZE];

static uint32_t slot_of(uint64_t k) {
  k ^= k >> 33; k *= 0xff51afd7ed558ccdULL; k ^= k >> 33;
  return (uint32_t)(k >> (64 - HT_BITS));
}

static void ht_put(uint64_t k, uint32_t v) {
  uint32_t i = slot_of(k), tomb = HT_SIZE;
  for (;; i = (i + 1) & (HT_SIZE - 1)) {
    if (keys[i] == k) { vals[i] = v; return; }
    if (keys[i] == TOMB && tomb == HT_SIZE) tomb = i;
    if (keys[i] == EMPTY) break;
  }
  if (tomb != HT_SIZE) i = tomb;
  keys[i] = k; vals[i] = v;
}

static int ht_find(uint64_t k, uint32_t* v) {
  for (uint32_t i = slot_of(k);; i = (i + 1) & (HT_SIZE - 1)) {
    if (keys[i] == EMPTY) return 0;
    if (keys[i] == k) { *v = vals[i]; return 1; }
  }
}

static void ht_del(uint64_t k) {
  for (uint32_t i = slot_of(k);; i = (i + 1) & (HT_SIZE - 1)) {
    if (keys[i] == EMPTY) return;
    if (keys[i] == k) { keys[i] = TOMB; return; }
  }
}

static uint64_t key(uint64_t i) { return (i * 0x9E3779B97F4A7C15ULL) | 2; }

uint64_t bench_run(void) {
  uint64_t s = bench_seed, sum = 0;
  const uint32_t n = 600000;
  for (uint32_t i = 0; i < n; ++i) ht_put(key(i), i);
  for (uint32_t i = 0; i < n; i += 3) ht_del(key(i));
  for (int rep = 0; rep < 8; ++rep) {
    for (uint32_t q = 0; q < 1000000; ++q) {
      uint64_t r = bench_rand(&s) % (2 * n);
      uint32_t v;
      if (ht_find(key(r), &v)) sum += v + 1; else sum += 7;
    }
    for (uint32_t i = rep; i < n; i += 5) ht_put(key(i), i ^ (uint32_t)rep);
  }
  return sum;
}
