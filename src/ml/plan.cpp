// Graph → Plan compilation and plan execution (see plan.hpp).
#include "ml/plan.hpp"

#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>

#include "ml/onnx_import.hpp"
#include "ml/op_check.hpp"

namespace tc::ml {
namespace {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
constexpr std::size_t kAlign = 64;

std::size_t tensor_bytes(const TensorDef& t) {
  return static_cast<std::size_t>(t.shape.elements()) * dtype_size(t.dtype);
}

class Layout {
 public:
  explicit Layout(std::size_t max) : max_(max) {}
  // Reserves `bytes`; false when the arena would exceed its limit.
  bool reserve(std::size_t bytes, std::size_t& off) {
    const std::size_t aligned = (bytes + kAlign - 1) / kAlign * kAlign;
    if (aligned > max_ - size_) return false;
    off = size_;
    size_ += aligned;
    return true;
  }
  [[nodiscard]] std::size_t size() const { return size_; }

 private:
  std::size_t max_, size_ = 0;
};

struct Builder {
  const Graph& g;
  Layout layout;
  std::vector<std::size_t> off;
  struct Copy { std::size_t dst; const std::vector<std::uint8_t>* src; bool transpose; std::int64_t rows, cols; };
  std::vector<Copy> copies;

  const TensorDef& t(int i) const { return g.tensors[static_cast<std::size_t>(i)]; }
  std::size_t at(const NodeDef& n, std::size_t i) const {
    return i < n.inputs.size() && n.inputs[i] != kNoTensor ? off[static_cast<std::size_t>(n.inputs[i])] : kNone;
  }
  Result<std::size_t> reserve(std::size_t bytes) {
    std::size_t o = 0;
    if (!layout.reserve(bytes, o)) return make_error(Phase::validate, "onnx: plan arena exceeds its limit");
    return o;
  }
};

Result<void> build_gemm(Builder& b, const NodeDef& n, Step& s) {
  const auto &A = b.t(n.inputs[0]), &B = b.t(n.inputs[1]);
  const bool gemm = n.op == Op::gemm;
  const bool ta = gemm && n.attrs.trans_a, tb = gemm && n.attrs.trans_b;
  auto& a = s.gemm;
  a.trans_a = ta;
  a.m = ta ? A.shape[1] : A.shape[0];
  a.k = ta ? A.shape[0] : A.shape[1];
  a.n = tb ? B.shape[0] : B.shape[1];
  a.alpha = gemm ? n.attrs.alpha : 1.0f;
  a.beta = gemm ? n.attrs.beta : 0.0f;
  s.in[0] = b.at(n, 0);
  s.in[1] = b.at(n, 1);
  s.in[2] = gemm ? b.at(n, 2) : kNone;
  if (tb) {
    auto o = b.reserve(static_cast<std::size_t>(a.k * a.n) * 4);
    if (!o) return std::unexpected(o.error());
    if (B.is_constant) {
      b.copies.push_back({*o, &B.data, true, B.shape[0], B.shape[1]});
      s.in[1] = *o;
    } else {
      s.transpose_b_at_run = true;
      s.scratch = *o;
    }
  }
  if (s.in[2] != kNone) {
    const auto& C = b.t(n.inputs[2]);
    const auto cm = C.shape.rank == 2 ? C.shape[0] : 1;
    const auto cn = C.shape.rank >= 1 ? C.shape[C.shape.rank - 1] : 1;
    a.cs_n = cn == 1 ? 0 : 1;
    a.cs_m = cm == 1 ? 0 : cn;
  }
  return {};
}

void build_add(const Builder& b, const NodeDef& n, Step& s) {
  const auto& out = b.t(n.output).shape;
  for (int which = 0; which < 2; ++which) {
    const auto& sh = b.t(n.inputs[static_cast<std::size_t>(which)]).shape;
    std::int64_t* st = which == 0 ? s.bc.sa : s.bc.sb;
    std::int64_t stride = 1;
    for (int d = 3; d >= 0; --d) {
      const int src = d - (4 - static_cast<int>(sh.rank));
      const std::int64_t dim = src >= 0 ? sh[static_cast<std::size_t>(src)] : 1;
      st[d] = dim == 1 ? 0 : stride;
      stride *= dim;
    }
  }
  for (int d = 0; d < 4; ++d) {
    const int src = d - (4 - static_cast<int>(out.rank));
    s.bc.out[d] = src >= 0 ? out[static_cast<std::size_t>(src)] : 1;
  }
  s.in[0] = b.at(n, 0);
  s.in[1] = b.at(n, 1);
}

void build_window(const Builder& b, const NodeDef& n, Step& s) {
  const auto& x = b.t(n.inputs[0]).shape;
  const auto& y = b.t(n.output).shape;
  auto& w = s.win;
  w = {x[0], x[1], x[2], x[3], y[1], y[2], y[3], 0, 0,
       n.attrs.strides[0], n.attrs.strides[1], n.attrs.dilations[0], n.attrs.dilations[1],
       n.attrs.pads[0], n.attrs.pads[1]};
  if (n.op == Op::conv) {
    const auto& ws = b.t(n.inputs[1]).shape;
    w.kh = ws[2];
    w.kw = ws[3];
  } else {
    w.kh = n.attrs.kernel[0];
    w.kw = n.attrs.kernel[1];
  }
  s.group = n.attrs.group;
  s.in[0] = b.at(n, 0);
  s.in[1] = b.at(n, 1);
  s.in[2] = b.at(n, 2);
}

void build_softmax(const Builder& b, const NodeDef& n, Step& s) {
  const auto& x = b.t(n.inputs[0]).shape;
  const auto r = static_cast<std::int64_t>(x.rank);
  const auto axis = static_cast<std::size_t>(n.attrs.axis < 0 ? n.attrs.axis + r : n.attrs.axis);
  s.outer = s.len = s.inner = 1;
  for (std::size_t i = 0; i < x.rank; ++i) {
    if (i < axis) s.outer *= x[i];
    else if (i == axis || n.attrs.softmax_coerce_2d) s.len *= x[i];
    else s.inner *= x[i];
  }
  s.in[0] = b.at(n, 0);
}

Result<void> build_quant(Builder& b, const NodeDef& n, Step& s) {
  const auto& x = b.t(n.inputs[0]);
  s.in[0] = b.at(n, 0);
  s.in_type = x.dtype;
  s.out_type = b.t(n.output).dtype;
  s.n = x.shape.elements();
  auto scale = const_scalar_f32(b.g, n.inputs[1]);
  auto zp = const_scalar_int(b.g, n.inputs.size() > 2 ? n.inputs[2] : kNoTensor);
  if (!scale || !zp) return make_error(Phase::validate, "onnx: bad quantization parameters");
  s.scale = *scale;
  s.zp = *zp;
  return {};
}

Result<void> build_int_matmul(Builder& b, const NodeDef& n, Step& s) {
  const bool qlinear = n.op == Op::qlinear_matmul;
  const int ia = n.inputs[0], ib = n.inputs[qlinear ? 3 : 1];
  const int azp = qlinear ? n.inputs[2] : (n.inputs.size() > 2 ? n.inputs[2] : kNoTensor);
  const int bzp = qlinear ? n.inputs[5] : (n.inputs.size() > 3 ? n.inputs[3] : kNoTensor);
  const auto &A = b.t(ia), &B = b.t(ib);
  auto za = const_scalar_int(b.g, azp), zb = const_scalar_int(b.g, bzp);
  if (!za || !zb) return make_error(Phase::validate, "onnx: bad zero points");
  s.imm = {nullptr, A.dtype == DType::u8, *za, nullptr, B.dtype == DType::u8, *zb, nullptr,
           A.shape[0], B.shape[1], A.shape[1]};
  s.in[0] = b.off[static_cast<std::size_t>(ia)];
  s.in[1] = b.off[static_cast<std::size_t>(ib)];
  s.out_type = b.t(n.output).dtype;
  s.n = s.imm.m * s.imm.n;
  if (qlinear) {
    auto as = const_scalar_f32(b.g, n.inputs[1]), bs = const_scalar_f32(b.g, n.inputs[4]);
    auto ys = const_scalar_f32(b.g, n.inputs[6]);
    auto yz = const_scalar_int(b.g, n.inputs[7]);
    if (!as || !bs || !ys || !yz) return make_error(Phase::validate, "onnx: bad quantization parameters");
    s.scale = *as * *bs / *ys;
    s.zp = *yz;
    auto o = b.reserve(static_cast<std::size_t>(s.n) * 4);
    if (!o) return std::unexpected(o.error());
    s.scratch = *o;
  }
  return {};
}

Result<void> place_output(Builder& b, const NodeDef& n) {
  const auto out = static_cast<std::size_t>(n.output);
  if (n.op == Op::reshape || n.op == Op::flatten) {  // same bytes, new shape: alias
    b.off[out] = b.off[static_cast<std::size_t>(n.inputs[0])];
    return {};
  }
  auto o = b.reserve(tensor_bytes(b.g.tensors[out]));
  if (!o) return std::unexpected(o.error());
  b.off[out] = *o;
  return {};
}

Result<void> build_step(Builder& b, const NodeDef& n, std::vector<Step>& steps) {
  if (auto r = place_output(b, n); !r) return r;
  if (n.op == Op::reshape || n.op == Op::flatten) return {};
  Step s;
  s.op = n.op;
  s.out = b.off[static_cast<std::size_t>(n.output)];
  Result<void> r;
  switch (n.op) {
    case Op::gemm:
    case Op::matmul: r = build_gemm(b, n, s); break;
    case Op::add: build_add(b, n, s); break;
    case Op::relu:
      s.in[0] = b.at(n, 0);
      s.n = b.t(n.output).shape.elements();
      break;
    case Op::conv:
    case Op::max_pool: build_window(b, n, s); break;
    case Op::softmax: build_softmax(b, n, s); break;
    case Op::quantize_linear:
    case Op::dequantize_linear: r = build_quant(b, n, s); break;
    case Op::qlinear_matmul:
    case Op::matmul_integer: r = build_int_matmul(b, n, s); break;
    default: break;
  }
  if (!r) return r;
  steps.push_back(s);
  return {};
}

}  // namespace

void Plan::FreeDelete::operator()(std::byte* p) const noexcept { std::free(p); }

Result<std::unique_ptr<Plan>> compile_plan(const Graph& g, const Limits& limits) {
  auto plan = std::make_unique<Plan>();
  Builder b{g, Layout(limits.max_arena_bytes), std::vector<std::size_t>(g.tensors.size(), kNone), {}};
  for (std::size_t i = 0; i < g.tensors.size(); ++i) {
    const auto& t = g.tensors[i];
    if (!t.is_constant && static_cast<int>(i) != g.input) continue;
    auto o = b.reserve(tensor_bytes(t));
    if (!o) return std::unexpected(o.error());
    b.off[i] = *o;
    if (t.is_constant) b.copies.push_back({*o, &t.data, false, 0, 0});
  }
  for (const auto& n : g.nodes)
    if (auto r = build_step(b, n, plan->steps_); !r) return std::unexpected(r.error());

  plan->arena_size_ = std::max<std::size_t>(b.layout.size(), kAlign);
  plan->arena_.reset(static_cast<std::byte*>(std::aligned_alloc(kAlign, plan->arena_size_)));
  if (!plan->arena_) return make_error(Phase::setup, "ml: cannot allocate the plan arena");
  std::memset(plan->arena_.get(), 0, plan->arena_size_);
  for (const auto& c : b.copies) {
    if (c.transpose) {
      kernels::transpose_f32(reinterpret_cast<const float*>(c.src->data()),
                             reinterpret_cast<float*>(plan->arena_.get() + c.dst), c.rows, c.cols);
    } else if (!c.src->empty()) {
      std::memcpy(plan->arena_.get() + c.dst, c.src->data(), c.src->size());
    }
  }
  const auto& in = g.tensors[static_cast<std::size_t>(g.input)];
  const auto& out = g.tensors[static_cast<std::size_t>(g.output)];
  plan->input_off_ = b.off[static_cast<std::size_t>(g.input)];
  plan->output_off_ = b.off[static_cast<std::size_t>(g.output)];
  plan->input_bytes_ = tensor_bytes(in);
  plan->output_bytes_ = tensor_bytes(out);
  plan->input_shape_ = in.shape;
  plan->output_shape_ = out.shape;
  plan->input_type_ = in.dtype;
  plan->output_type_ = out.dtype;
  return plan;
}

Result<std::unique_ptr<Plan>> load_model(std::span<const std::uint8_t> model, const Limits& limits) {
  auto g = import_onnx(model, limits);
  if (!g) return std::unexpected(g.error());
  return compile_plan(*g, limits);
}

bool Plan::run(std::span<const std::uint8_t> input, std::span<std::uint8_t> output) noexcept {
  if (input.size() != input_bytes_ || output.size() < output_bytes_) return false;
  std::memcpy(arena_.get() + input_off_, input.data(), input_bytes_);
  for (const auto& s : steps_) execute(s);
  std::memcpy(output.data(), arena_.get() + output_off_, output_bytes_);
  return true;
}

void Plan::execute(const Step& s) noexcept {
  std::byte* base = arena_.get();
  auto f = [base](std::size_t o) { return o == kNone ? nullptr : reinterpret_cast<float*>(base + o); };
  auto p = [base](std::size_t o) { return static_cast<void*>(base + o); };
  switch (s.op) {
    case Op::gemm:
    case Op::matmul: {
      kernels::GemmArgs a = s.gemm;
      a.a = f(s.in[0]);
      a.b = f(s.in[1]);
      if (s.transpose_b_at_run) {
        kernels::transpose_f32(f(s.in[1]), f(s.scratch), a.n, a.k);
        a.b = f(s.scratch);
      }
      a.c = f(s.in[2]);
      a.y = f(s.out);
      kernels::gemm_f32(a);
      break;
    }
    case Op::add: kernels::add_f32(f(s.in[0]), f(s.in[1]), f(s.out), s.bc); break;
    case Op::relu: kernels::relu_f32(f(s.in[0]), f(s.out), s.n); break;
    case Op::conv: kernels::conv2d_f32(f(s.in[0]), f(s.in[1]), f(s.in[2]), f(s.out), s.win, s.group); break;
    case Op::max_pool: kernels::max_pool2d_f32(f(s.in[0]), f(s.out), s.win); break;
    case Op::softmax: kernels::softmax_f32(f(s.in[0]), f(s.out), s.outer, s.len, s.inner); break;
    case Op::quantize_linear:
      if (s.out_type == DType::u8) kernels::quantize_u8(f(s.in[0]), static_cast<std::uint8_t*>(p(s.out)), s.n, s.scale, s.zp);
      else kernels::quantize_i8(f(s.in[0]), static_cast<std::int8_t*>(p(s.out)), s.n, s.scale, s.zp);
      break;
    case Op::dequantize_linear:
      if (s.in_type == DType::u8) kernels::dequantize_u8(static_cast<const std::uint8_t*>(p(s.in[0])), f(s.out), s.n, s.scale, s.zp);
      else if (s.in_type == DType::i8) kernels::dequantize_i8(static_cast<const std::int8_t*>(p(s.in[0])), f(s.out), s.n, s.scale, s.zp);
      else kernels::dequantize_i32(static_cast<const std::int32_t*>(p(s.in[0])), f(s.out), s.n, s.scale, s.zp);
      break;
    case Op::qlinear_matmul:
    case Op::matmul_integer: {
      kernels::IntMatmulArgs a = s.imm;
      a.a = p(s.in[0]);
      a.b = p(s.in[1]);
      const bool qlinear = s.op == Op::qlinear_matmul;
      a.acc = static_cast<std::int32_t*>(p(qlinear ? s.scratch : s.out));
      kernels::matmul_integer(a);
      if (qlinear) {
        if (s.out_type == DType::u8) kernels::requantize_u8(a.acc, static_cast<std::uint8_t*>(p(s.out)), s.n, s.scale, s.zp);
        else kernels::requantize_i8(a.acc, static_cast<std::int8_t*>(p(s.out)), s.n, s.scale, s.zp);
      }
      break;
    }
    case Op::flatten:
    case Op::reshape: break;
  }
}

}  // namespace tc::ml
