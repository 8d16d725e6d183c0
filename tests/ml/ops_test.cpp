// Operator numerics: every kernel, through import + plan, against naive reference
// implementations written straight from the ONNX operator specifications (double
// accumulation), on deterministic pseudo-random data.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>

#include "ml/plan.hpp"
#include "model_builder.hpp"

namespace tc::ml {
namespace {

using test::ModelBuilder;
constexpr int kF = onnx::TensorProto_DataType_FLOAT;

std::vector<float> rnd(std::size_t n, unsigned seed, float lo = -1, float hi = 1) {
  std::mt19937 g(seed);
  std::uniform_real_distribution<float> d(lo, hi);
  std::vector<float> v(n);
  for (auto& x : v) x = d(g);
  return v;
}

template <class T = float>
std::vector<T> run(const ModelBuilder& mb, const std::vector<float>& input) {
  auto plan = load_model(mb.bytes(), Limits{});
  EXPECT_TRUE(plan.has_value()) << (plan ? "" : plan.error().describe());
  if (!plan) return {};
  std::vector<T> out((*plan)->output_bytes() / sizeof(T));
  const std::span<const std::uint8_t> in(reinterpret_cast<const std::uint8_t*>(input.data()), input.size() * 4);
  EXPECT_TRUE((*plan)->run(in, {reinterpret_cast<std::uint8_t*>(out.data()), out.size() * sizeof(T)}));
  return out;
}

void expect_near(const std::vector<float>& got, const std::vector<double>& want, double tol = 1e-5) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i)
    ASSERT_NEAR(got[i], want[i], tol * (1 + std::abs(want[i]))) << "element " << i;
}

struct GemmCase { int m, k, n; bool ta, tb; float alpha, beta; int bias_rank; };

TEST(MlOps, GemmMatchesReference) {
  for (const GemmCase c : {GemmCase{1, 64, 32, false, false, 1, 1, 1}, GemmCase{3, 7, 5, true, false, 0.5f, 2, 2},
                           GemmCase{4, 9, 6, false, true, 1, 1, 1}, GemmCase{2, 3, 17, true, true, 1.5f, 0.25f, 0},
                           GemmCase{5, 8, 3, false, false, 1, 1, -1}}) {
    const auto a = rnd(static_cast<std::size_t>(c.m * c.k), 1), b = rnd(static_cast<std::size_t>(c.k * c.n), 2);
    const auto bias = rnd(static_cast<std::size_t>(c.bias_rank == 2 ? c.m * c.n : c.n), 3);
    ModelBuilder mb;
    mb.input("A", c.ta ? std::initializer_list<std::int64_t>{c.k, c.m} : std::initializer_list<std::int64_t>{c.m, c.k});
    if (c.tb) mb.init_f32("B", {c.n, c.k}, b); else mb.init_f32("B", {c.k, c.n}, b);
    if (c.bias_rank == 2) mb.init_f32("C", {c.m, c.n}, bias);
    else if (c.bias_rank == 1) mb.init_f32("C", {c.n}, bias);
    else if (c.bias_rank == 0) mb.init_f32("C", {}, {bias[0]});
    auto* n = c.bias_rank >= 0 ? mb.node("Gemm", {"A", "B", "C"}, "Y") : mb.node("Gemm", {"A", "B"}, "Y");
    ModelBuilder::attr_f(n, "alpha", c.alpha);
    ModelBuilder::attr_f(n, "beta", c.beta);
    ModelBuilder::attr_i(n, "transA", c.ta);
    ModelBuilder::attr_i(n, "transB", c.tb);
    mb.output("Y");
    std::vector<double> want(static_cast<std::size_t>(c.m * c.n));
    for (int i = 0; i < c.m; ++i)
      for (int j = 0; j < c.n; ++j) {
        double s = 0;
        for (int k = 0; k < c.k; ++k)
          s += double(c.ta ? a[k * c.m + i] : a[i * c.k + k]) * (c.tb ? b[j * c.k + k] : b[k * c.n + j]);
        double bv = c.bias_rank == 2 ? bias[i * c.n + j] : c.bias_rank == 1 ? bias[j] : c.bias_rank == 0 ? bias[0] : 0;
        want[i * c.n + j] = c.alpha * s + (c.bias_rank >= 0 ? c.beta * bv : 0);
      }
    expect_near(run(mb, a), want);
  }
}

TEST(MlOps, MatMulWithRuntimeOperandsAndAddBroadcastRelu) {
  // Y = Relu(MatMul(X, W) + b[1,N]) with X [3,4]
  const auto x = rnd(12, 4), w = rnd(20, 5), b = rnd(5, 6);
  ModelBuilder mb;
  mb.input("X", {3, 4}).init_f32("W", {4, 5}, w).init_f32("b", {1, 5}, b);
  mb.node("MatMul", {"X", "W"}, "P");
  mb.node("Add", {"P", "b"}, "S");
  mb.node("Relu", {"S"}, "Y");
  mb.output("Y");
  std::vector<double> want(15);
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 5; ++j) {
      double s = 0;
      for (int k = 0; k < 4; ++k) s += double(x[i * 4 + k]) * w[k * 5 + j];
      want[i * 5 + j] = std::max(0.0, s + b[j]);
    }
  expect_near(run(mb, x), want);
}

TEST(MlOps, AddBroadcastsBothWays) {
  // [2,1,3] + [4,1] → [2,4,3]
  const auto x = rnd(6, 7), c = rnd(4, 8);
  ModelBuilder mb;
  mb.input("X", {2, 1, 3}).init_f32("c", {4, 1}, c);
  mb.node("Add", {"X", "c"}, "Y");
  mb.output("Y");
  std::vector<double> want;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 4; ++j)
      for (int k = 0; k < 3; ++k) want.push_back(double(x[i * 3 + k]) + c[j]);
  expect_near(run(mb, x), want);
}

struct ConvCase { int n, c, h, w, m, kh, kw, sh, sw, dh, dw, pt, pl, pb, pr, group; };

std::vector<double> conv_ref(const std::vector<float>& x, const std::vector<float>& w, const std::vector<float>& b,
                             const ConvCase& c, int oh, int ow) {
  std::vector<double> y;
  const int cg = c.c / c.group, mg = c.m / c.group;
  for (int n = 0; n < c.n; ++n)
    for (int m = 0; m < c.m; ++m)
      for (int i = 0; i < oh; ++i)
        for (int j = 0; j < ow; ++j) {
          double s = b[m];
          const int g = m / mg;
          for (int ci = 0; ci < cg; ++ci)
            for (int ki = 0; ki < c.kh; ++ki)
              for (int kj = 0; kj < c.kw; ++kj) {
                const int ih = i * c.sh - c.pt + ki * c.dh, iw = j * c.sw - c.pl + kj * c.dw;
                if (ih < 0 || ih >= c.h || iw < 0 || iw >= c.w) continue;
                s += double(x[((n * c.c + g * cg + ci) * c.h + ih) * c.w + iw]) * w[((m * cg + ci) * c.kh + ki) * c.kw + kj];
              }
          y.push_back(s);
        }
  return y;
}

TEST(MlOps, ConvPadsStridesDilationsGroups) {
  for (const ConvCase c : {ConvCase{1, 1, 8, 8, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1},
                           ConvCase{2, 3, 9, 7, 5, 3, 2, 2, 1, 1, 2, 0, 1, 2, 0, 1},
                           ConvCase{1, 4, 6, 6, 6, 3, 3, 1, 2, 2, 1, 2, 1, 1, 2, 2}}) {
    const int oh = (c.h + c.pt + c.pb - (c.dh * (c.kh - 1) + 1)) / c.sh + 1;
    const int ow = (c.w + c.pl + c.pr - (c.dw * (c.kw - 1) + 1)) / c.sw + 1;
    const auto x = rnd(static_cast<std::size_t>(c.n * c.c * c.h * c.w), 9);
    const auto w = rnd(static_cast<std::size_t>(c.m * c.c / c.group * c.kh * c.kw), 10);
    const auto b = rnd(static_cast<std::size_t>(c.m), 11);
    ModelBuilder mb;
    mb.input("X", {c.n, c.c, c.h, c.w}).init_f32("W", {c.m, c.c / c.group, c.kh, c.kw}, w).init_f32("B", {c.m}, b);
    auto* n = mb.node("Conv", {"X", "W", "B"}, "Y");
    ModelBuilder::attr_ints(n, "strides", {c.sh, c.sw});
    ModelBuilder::attr_ints(n, "dilations", {c.dh, c.dw});
    ModelBuilder::attr_ints(n, "pads", {c.pt, c.pl, c.pb, c.pr});
    ModelBuilder::attr_ints(n, "kernel_shape", {c.kh, c.kw});
    ModelBuilder::attr_i(n, "group", c.group);
    mb.output("Y");
    expect_near(run(mb, x), conv_ref(x, w, b, c, oh, ow));
  }
}

TEST(MlOps, MaxPoolFlattenReshapeSoftmax) {
  // X [1,2,5,5] → MaxPool k3 s2 pad1 → [1,2,3,3] → Flatten → [1,18] → Reshape [2,9] → Softmax(axis=-1)
  const auto x = rnd(50, 12, -3, 3);
  ModelBuilder mb;
  mb.input("X", {1, 2, 5, 5}).init_int("shape", onnx::TensorProto_DataType_INT64, {2}, {2, -1});
  auto* p = mb.node("MaxPool", {"X"}, "P");
  ModelBuilder::attr_ints(p, "kernel_shape", {3, 3});
  ModelBuilder::attr_ints(p, "strides", {2, 2});
  ModelBuilder::attr_ints(p, "pads", {1, 1, 1, 1});
  mb.node("Flatten", {"P"}, "F");
  mb.node("Reshape", {"F", "shape"}, "R");
  mb.node("Softmax", {"R"}, "Y");
  mb.output("Y");
  std::vector<double> pooled;
  for (int c = 0; c < 2; ++c)
    for (int i = 0; i < 3; ++i)
      for (int j = 0; j < 3; ++j) {
        double mx = -INFINITY;
        for (int a = 0; a < 3; ++a)
          for (int bb = 0; bb < 3; ++bb) {
            const int ih = i * 2 - 1 + a, iw = j * 2 - 1 + bb;
            if (ih >= 0 && ih < 5 && iw >= 0 && iw < 5) mx = std::max(mx, double(x[(c * 5 + ih) * 5 + iw]));
          }
        pooled.push_back(mx);
      }
  std::vector<double> want;
  for (int r = 0; r < 2; ++r) {
    double mx = -INFINITY, sum = 0;
    for (int k = 0; k < 9; ++k) mx = std::max(mx, pooled[r * 9 + k]);
    for (int k = 0; k < 9; ++k) sum += std::exp(pooled[r * 9 + k] - mx);
    for (int k = 0; k < 9; ++k) want.push_back(std::exp(pooled[r * 9 + k] - mx) / sum);
  }
  expect_near(run(mb, x), want);
}

TEST(MlOps, SoftmaxOpset11CoercesTo2D) {
  const auto x = rnd(12, 13);
  ModelBuilder mb(11);
  mb.input("X", {2, 2, 3});
  mb.node("Softmax", {"X"}, "Y");  // axis 1: rows of 6
  mb.output("Y");
  std::vector<double> want;
  for (int r = 0; r < 2; ++r) {
    double sum = 0, mx = -INFINITY;
    for (int k = 0; k < 6; ++k) mx = std::max(mx, double(x[r * 6 + k]));
    for (int k = 0; k < 6; ++k) sum += std::exp(x[r * 6 + k] - mx);
    for (int k = 0; k < 6; ++k) want.push_back(std::exp(x[r * 6 + k] - mx) / sum);
  }
  expect_near(run(mb, x), want);
}

// ---- int8 path --------------------------------------------------------------------------

int round_even(double v) { return static_cast<int>(std::nearbyint(v)); }

TEST(MlOps, QuantizeDequantizeRoundTripSaturatesAndRoundsHalfToEven) {
  const std::vector<float> x = {-1000.0f, -1.5f, -0.5f, 0.5f, 1.5f, 2.5f, 3.49f, 1000.0f, NAN};
  ModelBuilder mb;
  mb.input("X", {9}).init_f32("s", {}, {1.0f}).init_int("zp", onnx::TensorProto_DataType_INT8, {}, {3});
  mb.node("QuantizeLinear", {"X", "s", "zp"}, "Q");
  mb.node("DequantizeLinear", {"Q", "s", "zp"}, "Y");
  mb.output("Y");
  const auto y = run(mb, x);
  const std::vector<double> want = {-128 - 3, -2 + 0, 0, 0, 2, 2, 3, 127 - 3, -128 - 3};
  ASSERT_EQ(y.size(), want.size());
  for (std::size_t i = 0; i < y.size(); ++i) EXPECT_EQ(y[i], want[i]) << i;
}

TEST(MlOps, QLinearMatMulMatchesIntegerReference) {
  const int M = 3, K = 40, N = 7;
  std::mt19937 g(14);
  std::vector<std::int64_t> bq(K * N);
  for (auto& v : bq) v = static_cast<std::int64_t>(g() % 256) - 128;
  const auto x = rnd(M * K, 15, 0, 1);
  const float xs = 1.0f / 255, ws = 0.02f, ys = 0.05f;
  ModelBuilder mb;
  mb.input("X", {M, K}).init_f32("xs", {}, {xs}).init_int("xz", onnx::TensorProto_DataType_UINT8, {}, {10});
  mb.init_int("W", onnx::TensorProto_DataType_INT8, {K, N}, bq).init_f32("ws", {}, {ws});
  mb.init_int("wz", onnx::TensorProto_DataType_INT8, {}, {-2}).init_f32("ys", {}, {ys});
  mb.init_int("yz", onnx::TensorProto_DataType_UINT8, {}, {128});
  mb.node("QuantizeLinear", {"X", "xs", "xz"}, "XQ");
  mb.node("QLinearMatMul", {"XQ", "xs", "xz", "W", "ws", "wz", "ys", "yz"}, "YQ");
  mb.node("DequantizeLinear", {"YQ", "ys", "yz"}, "Y");
  mb.output("Y");
  const float mult = xs * ws / ys;
  std::vector<double> want;
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      std::int64_t acc = 0;
      for (int k = 0; k < K; ++k) {
        const int xq = std::clamp(round_even(x[i * K + k] / xs) + 10, 0, 255);
        acc += (xq - 10) * (bq[k * N + j] + 2);
      }
      const int yq = std::clamp(round_even(static_cast<float>(acc) * mult) + 128, 0, 255);
      want.push_back((yq - 128) * double(ys));
    }
  expect_near(run(mb, x), want, 1e-6);
}

TEST(MlOps, MatMulIntegerGivesExactInt32) {
  const int M = 2, K = 5, N = 3;
  std::vector<std::int64_t> bq = {1, -2, 3, 4, -5, 6, -7, 8, 9, 10, -11, 12, 13, -14, 127};
  const std::vector<float> x = {0, 1, 2, 3, 4, 250, 251, 252, 253, 255};
  ModelBuilder mb;
  mb.input("X", {M, K}).init_f32("s", {}, {1.0f}).init_int("az", onnx::TensorProto_DataType_UINT8, {}, {3});
  mb.init_int("W", onnx::TensorProto_DataType_INT8, {K, N}, bq).init_int("bz", onnx::TensorProto_DataType_INT8, {}, {-1});
  mb.init_int("z0", onnx::TensorProto_DataType_UINT8, {}, {0});
  mb.node("QuantizeLinear", {"X", "s", "z0"}, "XQ");
  mb.node("MatMulInteger", {"XQ", "W", "az", "bz"}, "Y");
  mb.output("Y");
  const auto y = run<std::int32_t>(mb, x);
  ASSERT_EQ(y.size(), 6u);
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < N; ++j) {
      std::int32_t acc = 0;
      for (int k = 0; k < K; ++k) acc += (static_cast<std::int32_t>(x[i * K + k]) - 3) * (static_cast<std::int32_t>(bq[k * N + j]) + 1);
      EXPECT_EQ(y[i * N + j], acc);
    }
}

}  // namespace
}  // namespace tc::ml
