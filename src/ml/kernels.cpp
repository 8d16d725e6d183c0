// Native kernels (see kernels.hpp). Built with -O3.
#include "ml/kernels.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tc::ml::kernels {

void gemm_f32(const GemmArgs& g) noexcept {
  for (std::int64_t i = 0; i < g.m; ++i) {
    float* __restrict row = g.y + i * g.n;
    std::fill(row, row + g.n, 0.0f);
    for (std::int64_t k = 0; k < g.k; ++k) {
      const float av = g.trans_a ? g.a[k * g.m + i] : g.a[i * g.k + k];
      const float* __restrict brow = g.b + k * g.n;
      for (std::int64_t j = 0; j < g.n; ++j) row[j] += av * brow[j];  // contiguous axpy
    }
    if (g.alpha != 1.0f)
      for (std::int64_t j = 0; j < g.n; ++j) row[j] *= g.alpha;
    if (g.c != nullptr) {
      const float* crow = g.c + i * g.cs_m;
      if (g.cs_n == 1 && g.beta == 1.0f) {
        for (std::int64_t j = 0; j < g.n; ++j) row[j] += crow[j];
      } else {
        for (std::int64_t j = 0; j < g.n; ++j) row[j] += g.beta * crow[j * g.cs_n];
      }
    }
  }
}

void transpose_f32(const float* src, float* dst, std::int64_t rows, std::int64_t cols) noexcept {
  for (std::int64_t r = 0; r < rows; ++r)
    for (std::int64_t c = 0; c < cols; ++c) dst[c * rows + r] = src[r * cols + c];
}

void add_f32(const float* a, const float* b, float* y, const Broadcast4& bc) noexcept {
  const auto* o = bc.out;
  for (std::int64_t i0 = 0; i0 < o[0]; ++i0)
    for (std::int64_t i1 = 0; i1 < o[1]; ++i1)
      for (std::int64_t i2 = 0; i2 < o[2]; ++i2) {
        const float* pa = a + i0 * bc.sa[0] + i1 * bc.sa[1] + i2 * bc.sa[2];
        const float* pb = b + i0 * bc.sb[0] + i1 * bc.sb[1] + i2 * bc.sb[2];
        float* __restrict py = y + ((i0 * o[1] + i1) * o[2] + i2) * o[3];
        if (bc.sa[3] == 1 && bc.sb[3] == 1) {
          for (std::int64_t j = 0; j < o[3]; ++j) py[j] = pa[j] + pb[j];
        } else if (bc.sa[3] == 1) {
          const float v = pb[0];
          for (std::int64_t j = 0; j < o[3]; ++j) py[j] = pa[j] + v;
        } else if (bc.sb[3] == 1) {
          const float v = pa[0];
          for (std::int64_t j = 0; j < o[3]; ++j) py[j] = v + pb[j];
        } else {
          for (std::int64_t j = 0; j < o[3]; ++j) py[j] = pa[0] + pb[0];
        }
      }
}

void relu_f32(const float* x, float* y, std::int64_t n) noexcept {
  for (std::int64_t i = 0; i < n; ++i) y[i] = x[i] > 0.0f ? x[i] : 0.0f;
}

namespace {
// Output columns [lo, hi) whose input column ow*s - p + kk*d lies inside [0, w).
void valid_range(std::int64_t out, std::int64_t in, std::int64_t s, std::int64_t off,
                 std::int64_t& lo, std::int64_t& hi) noexcept {
  // need 0 <= o*s + off < in
  lo = off >= 0 ? 0 : (-off + s - 1) / s;
  hi = in - off <= 0 ? 0 : std::min(out, (in - off - 1) / s + 1);
  if (hi < lo) hi = lo;
}
}  // namespace

void conv2d_f32(const float* x, const float* w, const float* b, float* y, const WindowArgs& a,
                std::int64_t group) noexcept {
  const std::int64_t cg = a.c / group, mg = a.m / group, plane = a.oh * a.ow;
  for (std::int64_t n = 0; n < a.n; ++n)
    for (std::int64_t m = 0; m < a.m; ++m) {
      float* __restrict out = y + (n * a.m + m) * plane;
      std::fill(out, out + plane, 0.0f);
      const std::int64_t g = m / mg;
      for (std::int64_t c = 0; c < cg; ++c) {
        const float* in = x + (n * a.c + g * cg + c) * a.h * a.w;
        const float* wk = w + (m * cg + c) * a.kh * a.kw;
        for (std::int64_t ki = 0; ki < a.kh; ++ki) {
          std::int64_t oh_lo, oh_hi;
          valid_range(a.oh, a.h, a.sh, ki * a.dh - a.pt, oh_lo, oh_hi);
          for (std::int64_t kj = 0; kj < a.kw; ++kj) {
            const float wv = wk[ki * a.kw + kj];
            std::int64_t ow_lo, ow_hi;
            const std::int64_t offw = kj * a.dw - a.pl;
            valid_range(a.ow, a.w, a.sw, offw, ow_lo, ow_hi);
            for (std::int64_t oh = oh_lo; oh < oh_hi; ++oh) {
              const float* irow = in + (oh * a.sh + ki * a.dh - a.pt) * a.w + offw;
              float* __restrict orow = out + oh * a.ow;
              if (a.sw == 1) {
                for (std::int64_t ow = ow_lo; ow < ow_hi; ++ow) orow[ow] += wv * irow[ow];
              } else {
                for (std::int64_t ow = ow_lo; ow < ow_hi; ++ow) orow[ow] += wv * irow[ow * a.sw];
              }
            }
          }
        }
      }
      if (b != nullptr)
        for (std::int64_t i = 0; i < plane; ++i) out[i] += b[m];
    }
}

void max_pool2d_f32(const float* x, float* y, const WindowArgs& a) noexcept {
  const std::int64_t plane = a.oh * a.ow;
  for (std::int64_t nc = 0; nc < a.n * a.c; ++nc) {
    float* __restrict out = y + nc * plane;
    std::fill(out, out + plane, -std::numeric_limits<float>::infinity());
    const float* in = x + nc * a.h * a.w;
    for (std::int64_t ki = 0; ki < a.kh; ++ki) {
      std::int64_t oh_lo, oh_hi;
      valid_range(a.oh, a.h, a.sh, ki * a.dh - a.pt, oh_lo, oh_hi);
      for (std::int64_t kj = 0; kj < a.kw; ++kj) {
        std::int64_t ow_lo, ow_hi;
        const std::int64_t offw = kj * a.dw - a.pl;
        valid_range(a.ow, a.w, a.sw, offw, ow_lo, ow_hi);
        for (std::int64_t oh = oh_lo; oh < oh_hi; ++oh) {
          const float* irow = in + (oh * a.sh + ki * a.dh - a.pt) * a.w + offw;
          float* __restrict orow = out + oh * a.ow;
          for (std::int64_t ow = ow_lo; ow < ow_hi; ++ow) {
            const float v = irow[ow * a.sw];
            orow[ow] = v > orow[ow] ? v : orow[ow];
          }
        }
      }
    }
  }
}

void softmax_f32(const float* x, float* y, std::int64_t outer, std::int64_t len, std::int64_t inner) noexcept {
  for (std::int64_t o = 0; o < outer; ++o)
    for (std::int64_t i = 0; i < inner; ++i) {
      const float* px = x + o * len * inner + i;
      float* py = y + o * len * inner + i;
      float mx = px[0];
      for (std::int64_t j = 1; j < len; ++j) mx = px[j * inner] > mx ? px[j * inner] : mx;
      float sum = 0.0f;
      for (std::int64_t j = 0; j < len; ++j) {
        py[j * inner] = std::exp(px[j * inner] - mx);
        sum += py[j * inner];
      }
      for (std::int64_t j = 0; j < len; ++j) py[j * inner] /= sum;
    }
}

namespace {
template <class T>
inline T saturate(float r) noexcept {
  constexpr float lo = static_cast<float>(std::numeric_limits<T>::min());
  constexpr float hi = static_cast<float>(std::numeric_limits<T>::max());
  r = r >= lo ? r : lo;  // also NaN
  r = r <= hi ? r : hi;
  return static_cast<T>(r);
}
// Round half to even without a libm call, so the loops vectorize on baseline x86-64 (no
// SSE4.1 roundps): clamp to ±4e6 (< 2^22; NaN → -4e6), then (v + 1.5·2^23) - 1.5·2^23
// rounds at the units digit in the default rounding mode (to nearest, ties to even) —
// the same result as std::nearbyint on the clamped range. Saturation follows anyway.
inline float round_half_even(float v) noexcept {
  constexpr float kBound = 4.0e6f, kMagic = 12582912.0f;  // 1.5 * 2^23
  v = v >= -kBound ? v : -kBound;  // a select, not a branch (vectorizable); NaN → -kBound
  v = v <= kBound ? v : kBound;
  return (v + kMagic) - kMagic;
}
template <class T>
void quantize(const float* x, T* y, std::int64_t n, float scale, std::int32_t zp) noexcept {
  const float fzp = static_cast<float>(zp);
  for (std::int64_t i = 0; i < n; ++i) y[i] = saturate<T>(round_half_even(x[i] / scale) + fzp);
}
template <class T>
void dequantize(const T* x, float* y, std::int64_t n, float scale, std::int32_t zp) noexcept {
  for (std::int64_t i = 0; i < n; ++i)
    y[i] = static_cast<float>(static_cast<std::int64_t>(x[i]) - zp) * scale;
}
template <class T>
void requantize(const std::int32_t* acc, T* y, std::int64_t n, float mult, std::int32_t zp) noexcept {
  const float fzp = static_cast<float>(zp);
  for (std::int64_t i = 0; i < n; ++i) y[i] = saturate<T>(round_half_even(static_cast<float>(acc[i]) * mult) + fzp);
}
template <class TA, class TB>
void int_matmul(const TA* a, std::int32_t azp, const TB* b, std::int32_t bzp, std::int32_t* acc,
                std::int64_t m, std::int64_t n, std::int64_t k) noexcept {
  for (std::int64_t i = 0; i < m; ++i) {
    std::int32_t* __restrict row = acc + i * n;
    std::fill(row, row + n, 0);
    for (std::int64_t kk = 0; kk < k; ++kk) {
      const std::int32_t av = static_cast<std::int32_t>(a[i * k + kk]) - azp;
      const TB* __restrict brow = b + kk * n;
      for (std::int64_t j = 0; j < n; ++j) row[j] += av * (static_cast<std::int32_t>(brow[j]) - bzp);
    }
  }
}
}  // namespace

void quantize_u8(const float* x, std::uint8_t* y, std::int64_t n, float s, std::int32_t zp) noexcept { quantize(x, y, n, s, zp); }
void quantize_i8(const float* x, std::int8_t* y, std::int64_t n, float s, std::int32_t zp) noexcept { quantize(x, y, n, s, zp); }
void dequantize_u8(const std::uint8_t* x, float* y, std::int64_t n, float s, std::int32_t zp) noexcept { dequantize(x, y, n, s, zp); }
void dequantize_i8(const std::int8_t* x, float* y, std::int64_t n, float s, std::int32_t zp) noexcept { dequantize(x, y, n, s, zp); }
void dequantize_i32(const std::int32_t* x, float* y, std::int64_t n, float s, std::int32_t zp) noexcept { dequantize(x, y, n, s, zp); }
void requantize_u8(const std::int32_t* acc, std::uint8_t* y, std::int64_t n, float m, std::int32_t zp) noexcept { requantize(acc, y, n, m, zp); }
void requantize_i8(const std::int32_t* acc, std::int8_t* y, std::int64_t n, float m, std::int32_t zp) noexcept { requantize(acc, y, n, m, zp); }

void matmul_integer(const IntMatmulArgs& g) noexcept {
  using U = std::uint8_t;
  using S = std::int8_t;
  if (g.a_u8 && g.b_u8) int_matmul(static_cast<const U*>(g.a), g.a_zp, static_cast<const U*>(g.b), g.b_zp, g.acc, g.m, g.n, g.k);
  else if (g.a_u8) int_matmul(static_cast<const U*>(g.a), g.a_zp, static_cast<const S*>(g.b), g.b_zp, g.acc, g.m, g.n, g.k);
  else if (g.b_u8) int_matmul(static_cast<const S*>(g.a), g.a_zp, static_cast<const U*>(g.b), g.b_zp, g.acc, g.m, g.n, g.k);
  else int_matmul(static_cast<const S*>(g.a), g.a_zp, static_cast<const S*>(g.b), g.b_zp, g.acc, g.m, g.n, g.k);
}

}  // namespace tc::ml::kernels
