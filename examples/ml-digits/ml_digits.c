/* tinycontainer example: handwritten-digit classification through the `ml` host service.
 *
 * The container holds the ONNX models (float32 and int8) and the 450 held-out test
 * images of scikit-learn's digits set in its own linear memory (model/digits_data.h,
 * written by scripts/ml/train_digits.py). For every image it asks the host's `ml`
 * endpoint (endpoint id 1, granted in ml-digits.json) to run the model on it, compares
 * the answer with scikit-learn's prediction and the true label, and prints the accuracy.
 * The same MLP is also computed inside the container (pure wasm) to show both agree;
 * bench/ml times the two paths through the exports bench_host / bench_wasm.
 *
 * Exit status: 0 all predictions identical to sklearn's and accuracy >= 95 %;
 * 1 otherwise; 3 when the host denies the ml endpoint (no grant).
 *
 * Build: clang --target=wasm32-wasi --sysroot=/usr -O2 -Imodel -o ml_digits.wasm ml_digits.c
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "digits_data.h"

#define TC_IMPORT(name) __attribute__((import_module("tc"), import_name(name)))
TC_IMPORT("open") int32_t tc_open(int32_t endpoint_id);
TC_IMPORT("call") int32_t tc_call(int32_t handle, const void* req, int32_t req_len, void* resp, int32_t resp_cap);
TC_IMPORT("now_us") int64_t tc_now_us(void);

enum { kMlEndpoint = 1 };

static int32_t g_handle = -1;
static float g_w1[DIGITS_DIM * DIGITS_HIDDEN], g_b1[DIGITS_HIDDEN];
static float g_w2[DIGITS_HIDDEN * DIGITS_CLASSES], g_b2[DIGITS_CLASSES];
static int g_weights_ready = 0;

static void image(int i, float* x) {
  for (int k = 0; k < DIGITS_DIM; ++k) x[k] = (float)digits_test_pixels[i * DIGITS_DIM + k] / 16.0f;
}

static int argmax(const float* p, int n) {
  int best = 0;
  for (int i = 1; i < n; ++i)
    if (p[i] > p[best]) best = i;
  return best;
}

/* The request of the ml endpoint: 4 little-endian u32 (offsets in our own memory). */
static int classify_host(const uint8_t* model, uint32_t model_len, const float* x) {
  uint32_t req[4] = {(uint32_t)(uintptr_t)model, model_len, (uint32_t)(uintptr_t)x, DIGITS_DIM * 4};
  float out[DIGITS_CLASSES];
  int32_t n = tc_call(g_handle, req, sizeof req, out, sizeof out);
  if (n != (int32_t)sizeof out) return n < 0 ? n : -100;
  return argmax(out, DIGITS_CLASSES);
}

static void load_weights(void) {
  if (g_weights_ready) return;
  memcpy(g_w1, digits_w1_bits, sizeof g_w1);
  memcpy(g_b1, digits_b1_bits, sizeof g_b1);
  memcpy(g_w2, digits_w2_bits, sizeof g_w2);
  memcpy(g_b2, digits_b2_bits, sizeof g_b2);
  g_weights_ready = 1;
}

/* Gemm -> Relu -> Gemm -> Softmax, the same loops and order as the host's kernels. */
static int classify_wasm(const float* x) {
  float h[DIGITS_HIDDEN], y[DIGITS_CLASSES];
  load_weights();
  for (int j = 0; j < DIGITS_HIDDEN; ++j) h[j] = 0.0f;
  for (int k = 0; k < DIGITS_DIM; ++k)
    for (int j = 0; j < DIGITS_HIDDEN; ++j) h[j] += x[k] * g_w1[k * DIGITS_HIDDEN + j];
  for (int j = 0; j < DIGITS_HIDDEN; ++j) {
    h[j] += g_b1[j];
    h[j] = h[j] > 0.0f ? h[j] : 0.0f;
  }
  for (int j = 0; j < DIGITS_CLASSES; ++j) y[j] = 0.0f;
  for (int k = 0; k < DIGITS_HIDDEN; ++k)
    for (int j = 0; j < DIGITS_CLASSES; ++j) y[j] += h[k] * g_w2[k * DIGITS_CLASSES + j];
  float mx = -INFINITY, sum = 0.0f;
  for (int j = 0; j < DIGITS_CLASSES; ++j) {
    y[j] += g_b2[j];
    mx = y[j] > mx ? y[j] : mx;
  }
  for (int j = 0; j < DIGITS_CLASSES; ++j) sum += (y[j] = expf(y[j] - mx));
  for (int j = 0; j < DIGITS_CLASSES; ++j) y[j] /= sum;
  return argmax(y, DIGITS_CLASSES);
}

/* ---- exports for bench/ml (called by the harness after instantiation) ---------------- */
static float g_bench_x[DIGITS_DIM];

__attribute__((export_name("bench_open"))) int32_t bench_open(void) {
  g_handle = tc_open(kMlEndpoint);
  return g_handle;
}
__attribute__((export_name("bench_host"))) int32_t bench_host(int32_t i) {
  image(i % DIGITS_N, g_bench_x);
  return classify_host(digits_model_f32, sizeof digits_model_f32, g_bench_x);
}
__attribute__((export_name("bench_host_int8"))) int32_t bench_host_int8(int32_t i) {
  image(i % DIGITS_N, g_bench_x);
  return classify_host(digits_model_i8, sizeof digits_model_i8, g_bench_x);
}
__attribute__((export_name("bench_wasm"))) int32_t bench_wasm(int32_t i) {
  image(i % DIGITS_N, g_bench_x);
  return classify_wasm(g_bench_x);
}
/* A call the service answers immediately (empty request → invalid): the call overhead. */
__attribute__((export_name("bench_empty_call"))) int32_t bench_empty_call(void) {
  return tc_call(g_handle, g_bench_x, 0, g_bench_x, 0);
}

int main(void) {
  g_handle = tc_open(kMlEndpoint);
  if (g_handle < 0) {
    printf("ml-digits: the ml endpoint was refused (code %d)\n", (int)g_handle);
    return 3;
  }
  int correct = 0, same_f32 = 0, correct_i8 = 0, same_i8 = 0, same_wasm = 0, errors = 0;
  float x[DIGITS_DIM];
  for (int i = 0; i < DIGITS_N; ++i) {
    image(i, x);
    const int p = classify_host(digits_model_f32, sizeof digits_model_f32, x);
    const int q = classify_host(digits_model_i8, sizeof digits_model_i8, x);
    const int w = classify_wasm(x);
    if (p < 0 || q < 0) {
      if (errors++ == 0) printf("ml-digits: inference failed on image %d (code %d)\n", i, p < 0 ? p : q);
      continue;
    }
    correct += p == digits_test_labels[i];
    same_f32 += p == digits_sklearn_pred[i];
    correct_i8 += q == digits_test_labels[i];
    same_i8 += q == digits_int8_pred[i];
    same_wasm += w == p;
  }
  printf("ml-digits: %d test images classified through the ml endpoint\n", DIGITS_N);
  printf("  float32 model: accuracy %.2f%% (%d/%d), identical to scikit-learn on %d/%d\n",
         100.0 * correct / DIGITS_N, correct, DIGITS_N, same_f32, DIGITS_N);
  printf("  int8 model:    accuracy %.2f%% (%d/%d), identical to its reference on %d/%d\n",
         100.0 * correct_i8 / DIGITS_N, correct_i8, DIGITS_N, same_i8, DIGITS_N);
  printf("  in-wasm MLP agrees with the host on %d/%d\n", same_wasm, DIGITS_N);
  const int ok = errors == 0 && same_f32 == DIGITS_N && same_i8 == DIGITS_N && same_wasm == DIGITS_N &&
                 correct * 100 >= 95 * DIGITS_N && correct_i8 * 100 >= 95 * DIGITS_N;
  /* Timing (host clock): the float MLP per image, in this container vs through the host. */
  int sink = 0;
  int64_t t0 = tc_now_us();
  for (int i = 0; i < DIGITS_N; ++i) {
    image(i, x);
    sink += classify_wasm(x);
  }
  int64_t t1 = tc_now_us();
  for (int i = 0; i < DIGITS_N; ++i) {
    image(i, x);
    sink += classify_host(digits_model_f32, sizeof digits_model_f32, x);
  }
  int64_t t2 = tc_now_us();
  const double wasm_us = (double)(t1 - t0) / DIGITS_N, host_us = (double)(t2 - t1) / DIGITS_N;
  printf("  timing: in-wasm %.2f us/inference, ml endpoint %.2f us/inference (%.1fx) [%d]\n",
         wasm_us, host_us, host_us > 0 ? wasm_us / host_us : 0.0, sink % 10);
  printf("ml-digits: %s\n", ok ? "PASS" : "FAIL");
  return ok ? 0 : 1;
}
