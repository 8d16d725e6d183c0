// tinycontainer ml — native float32 and int8 kernels (compiled -O3; loops written so that
// the innermost one is contiguous, branch-free and vectorized by the compiler without
// -ffast-math: no floating-point reassociation, so results are reproducible).
//
// Contract: callers (plan.cpp) pass pointers into a preallocated arena whose sizes were
// validated at compile time; kernels never allocate, never fail, accept any float values
// (NaN/Inf propagate; quantizing NaN gives the type's minimum, never UB). Semantics follow
// the ONNX operator specifications; quantized rounding is round-half-to-even with
// saturation (QuantizeLinear, QLinearMatMul).
#pragma once

#include <cstdint>

namespace tc::ml::kernels {

// Y[M,N] = alpha * op(A)[M,K] · B[K,N] + beta * C  (B already in [K,N] row-major layout;
// op(A) = A or Aᵀ; C broadcast with element strides cs_m/cs_n (0 = broadcast), c = null:
// no bias).
struct GemmArgs {
  const float* a; bool trans_a; const float* b; const float* c;
  std::int64_t cs_m, cs_n; float alpha, beta; float* y; std::int64_t m, n, k;
};
void gemm_f32(const GemmArgs& g) noexcept;

void transpose_f32(const float* src, float* dst, std::int64_t rows, std::int64_t cols) noexcept;

// 4-D broadcast: shapes right-aligned and padded to 4; strides 0 on broadcast dims.
struct Broadcast4 {
  std::int64_t out[4];
  std::int64_t sa[4], sb[4];
};
void add_f32(const float* a, const float* b, float* y, const Broadcast4& bc) noexcept;
void relu_f32(const float* x, float* y, std::int64_t n) noexcept;

struct WindowArgs {
  std::int64_t n, c, h, w;      // input NCHW
  std::int64_t m, oh, ow;       // output channels (Conv) and spatial size
  std::int64_t kh, kw, sh, sw, dh, dw, pt, pl;
};
// x [N,C,H,W], w [M,C,kh,kw] (group = 1 or depthwise handled by `group`), b [M] or null.
void conv2d_f32(const float* x, const float* w, const float* b, float* y, const WindowArgs& a,
                std::int64_t group) noexcept;
void max_pool2d_f32(const float* x, float* y, const WindowArgs& a) noexcept;

// Softmax over the middle axis of [outer, len, inner].
void softmax_f32(const float* x, float* y, std::int64_t outer, std::int64_t len, std::int64_t inner) noexcept;

// Quantization (per-tensor).
void quantize_u8(const float* x, std::uint8_t* y, std::int64_t n, float scale, std::int32_t zp) noexcept;
void quantize_i8(const float* x, std::int8_t* y, std::int64_t n, float scale, std::int32_t zp) noexcept;
void dequantize_u8(const std::uint8_t* x, float* y, std::int64_t n, float scale, std::int32_t zp) noexcept;
void dequantize_i8(const std::int8_t* x, float* y, std::int64_t n, float scale, std::int32_t zp) noexcept;
void dequantize_i32(const std::int32_t* x, float* y, std::int64_t n, float scale, std::int32_t zp) noexcept;

// Integer matmul: acc[M,N] = Σ (A - a_zp)(B - b_zp) in int32 (K <= 32768 keeps it exact).
// a_u8/b_u8 say whether A/B hold uint8 (else int8).
struct IntMatmulArgs {
  const void* a; bool a_u8; std::int32_t a_zp;
  const void* b; bool b_u8; std::int32_t b_zp;
  std::int32_t* acc; std::int64_t m, n, k;
};
void matmul_integer(const IntMatmulArgs& g) noexcept;
// y = saturate(round_half_even(acc * multiplier) + zp)
void requantize_u8(const std::int32_t* acc, std::uint8_t* y, std::int64_t n, float multiplier, std::int32_t zp) noexcept;
void requantize_i8(const std::int32_t* acc, std::int8_t* y, std::int64_t n, float multiplier, std::int32_t zp) noexcept;

}  // namespace tc::ml::kernels
