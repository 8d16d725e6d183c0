// Operator typing, attribute ranges and static shape inference (see op_check.hpp).
#include "ml/op_check.hpp"

#include <cmath>
#include <cstring>
#include <string>

namespace tc::ml {
namespace {

auto bad(std::string what) { return make_error(Phase::validate, std::move(what)); }

const TensorDef* input(const Graph& g, const NodeDef& n, std::size_t i) {
  if (i >= n.inputs.size() || n.inputs[i] == kNoTensor) return nullptr;
  return &g.tensors[static_cast<std::size_t>(n.inputs[i])];
}

Result<void> arity(const NodeDef& n, std::size_t required, std::size_t max) {
  if (n.inputs.size() < required || n.inputs.size() > max)
    return bad("expects " + std::to_string(required) + (max > required ? "–" + std::to_string(max) : "") +
               " inputs, got " + std::to_string(n.inputs.size()));
  for (std::size_t i = 0; i < required; ++i)
    if (n.inputs[i] == kNoTensor) return bad("required input " + std::to_string(i) + " is empty");
  return {};
}

Result<void> want(const TensorDef* t, DType dt, std::size_t rank_lo, std::size_t rank_hi) {
  if (t->dtype != dt) return bad("input '" + t->name + "' is " + std::string(dtype_name(t->dtype)) + ", expected " + std::string(dtype_name(dt)));
  if (t->shape.rank < rank_lo || t->shape.rank > rank_hi)
    return bad("input '" + t->name + "' has rank " + std::to_string(t->shape.rank));
  return {};
}

bool quant_type(DType t) { return t == DType::u8 || t == DType::i8; }

Result<Inferred> gemm(const Graph& g, const NodeDef& n) {
  if (auto r = arity(n, 2, 3); !r) return std::unexpected(r.error());
  const auto *a = input(g, n, 0), *b = input(g, n, 1), *c = input(g, n, 2);
  if (auto r = want(a, DType::f32, 2, 2); !r) return std::unexpected(r.error());
  if (auto r = want(b, DType::f32, 2, 2); !r) return std::unexpected(r.error());
  const auto M = n.attrs.trans_a ? a->shape[1] : a->shape[0];
  const auto K = n.attrs.trans_a ? a->shape[0] : a->shape[1];
  const auto Kb = n.attrs.trans_b ? b->shape[1] : b->shape[0];
  const auto N = n.attrs.trans_b ? b->shape[0] : b->shape[1];
  if (K != Kb) return bad("inner dimensions differ (" + std::to_string(K) + " vs " + std::to_string(Kb) + ")");
  if (c) {
    if (auto r = want(c, DType::f32, 0, 2); !r) return std::unexpected(r.error());
    // Unidirectional broadcast of C to [M, N].
    const auto cm = c->shape.rank == 2 ? c->shape[0] : 1;
    const auto cn = c->shape.rank >= 1 ? c->shape[c->shape.rank - 1] : 1;
    if ((cm != 1 && cm != M) || (cn != 1 && cn != N)) return bad("C does not broadcast to [M, N]");
  }
  return Inferred{DType::f32, make_shape({M, N}), M * N * K};
}

Result<Inferred> matmul(const Graph& g, const NodeDef& n, DType elem) {
  const auto *a = input(g, n, 0), *b = input(g, n, 1);
  const bool integer = elem != DType::f32;
  if (integer) {
    if (!quant_type(a->dtype) || !quant_type(b->dtype)) return bad("inputs must be uint8 or int8");
    if (a->shape.rank != 2 || b->shape.rank != 2) return bad("only 2-D inputs are supported");
  } else {
    if (auto r = want(a, DType::f32, 2, 2); !r) return std::unexpected(r.error());
    if (auto r = want(b, DType::f32, 2, 2); !r) return std::unexpected(r.error());
  }
  if (a->shape[1] != b->shape[0]) return bad("inner dimensions differ");
  if (integer && a->shape[1] > 32768) return bad("inner dimension > 32768 (int32 accumulator bound)");
  return Inferred{elem, make_shape({a->shape[0], b->shape[1]}), a->shape[0] * b->shape[1] * a->shape[1]};
}

Result<Inferred> add(const Graph& g, const NodeDef& n) {
  if (auto r = arity(n, 2, 2); !r) return std::unexpected(r.error());
  const auto *a = input(g, n, 0), *b = input(g, n, 1);
  if (auto r = want(a, DType::f32, 0, kMaxRank); !r) return std::unexpected(r.error());
  if (auto r = want(b, DType::f32, 0, kMaxRank); !r) return std::unexpected(r.error());
  Shape out;
  out.rank = std::max(a->shape.rank, b->shape.rank);
  for (std::size_t i = 0; i < out.rank; ++i) {  // right-aligned numpy broadcasting
    const std::size_t ia = i + a->shape.rank, ib = i + b->shape.rank;
    const auto da = ia >= out.rank ? a->shape[ia - out.rank] : 1;
    const auto db = ib >= out.rank ? b->shape[ib - out.rank] : 1;
    if (da != db && da != 1 && db != 1) return bad("shapes do not broadcast");
    out.dim[i] = std::max(da, db);
  }
  return Inferred{DType::f32, out, 0};
}

Result<std::int64_t> window_out(std::int64_t in, std::int64_t k, std::int64_t s, std::int64_t d,
                                std::int64_t p0, std::int64_t p1) {
  const auto extent = d * (k - 1) + 1;
  if (p0 >= extent || p1 >= extent) return bad("padding not smaller than the window");
  const auto span = in + p0 + p1 - extent;
  if (span < 0) return bad("window larger than the padded input");
  return span / s + 1;
}

Result<Inferred> conv_pool(const Graph& g, const NodeDef& n) {
  const bool conv = n.op == Op::conv;
  if (auto r = arity(n, conv ? 2 : 1, conv ? 3 : 1); !r) return std::unexpected(r.error());
  const auto* x = input(g, n, 0);
  if (auto r = want(x, DType::f32, 4, 4); !r) return std::unexpected(r.error());
  const auto& at = n.attrs;
  std::int64_t kh = at.kernel[0], kw = at.kernel[1], m = x->shape[1], cin_per_group = 1;
  if (conv) {
    const auto *w = input(g, n, 1), *b = input(g, n, 2);
    if (auto r = want(w, DType::f32, 4, 4); !r) return std::unexpected(r.error());
    m = w->shape[0];
    cin_per_group = w->shape[1];
    if (x->shape[1] % at.group != 0 || m % at.group != 0 || x->shape[1] / at.group != cin_per_group)
      return bad("channels do not match the weight shape and group");
    if ((kh != 0 && kh != w->shape[2]) || (kw != 0 && kw != w->shape[3])) return bad("kernel_shape differs from the weights");
    kh = w->shape[2];
    kw = w->shape[3];
    if (b) {
      if (auto r = want(b, DType::f32, 1, 1); !r) return std::unexpected(r.error());
      if (b->shape[0] != m) return bad("bias length differs from the output channels");
    }
  } else if (kh == 0 || kw == 0) {
    return bad("MaxPool needs kernel_shape");
  }
  auto oh = window_out(x->shape[2], kh, at.strides[0], at.dilations[0], at.pads[0], at.pads[2]);
  if (!oh) return std::unexpected(oh.error());
  auto ow = window_out(x->shape[3], kw, at.strides[1], at.dilations[1], at.pads[1], at.pads[3]);
  if (!ow) return std::unexpected(ow.error());
  const Shape out = make_shape({x->shape[0], m, *oh, *ow});
  return Inferred{DType::f32, out, out.elements() * cin_per_group * kh * kw};
}

Result<Inferred> flatten(const Graph& g, const NodeDef& n) {
  if (auto r = arity(n, 1, 1); !r) return std::unexpected(r.error());
  const auto* x = input(g, n, 0);
  const auto r = static_cast<std::int64_t>(x->shape.rank);
  auto axis = n.attrs.axis < 0 ? n.attrs.axis + r : n.attrs.axis;
  if (axis < 0 || axis > r) return bad("axis out of range");
  std::int64_t outer = 1;
  for (std::int64_t i = 0; i < axis; ++i) outer *= x->shape[static_cast<std::size_t>(i)];
  return Inferred{x->dtype, make_shape({outer, x->shape.elements() / outer}), 0};
}

Result<Inferred> reshape(const Graph& g, const NodeDef& n) {
  if (auto r = arity(n, 2, 2); !r) return std::unexpected(r.error());
  const auto *x = input(g, n, 0), *s = input(g, n, 1);
  if (!s->is_constant || s->dtype != DType::i64 || s->shape.rank != 1 || s->shape[0] > static_cast<std::int64_t>(kMaxRank))
    return bad("shape must be a constant 1-D int64 initializer of rank <= 4");
  Shape out;
  out.rank = static_cast<std::size_t>(s->shape[0]);
  std::int64_t known = 1;
  int infer_at = -1;
  for (std::size_t i = 0; i < out.rank; ++i) {
    std::int64_t d;
    std::memcpy(&d, s->data.data() + i * 8, 8);
    if (d == 0) {
      if (i >= x->shape.rank) return bad("0 in shape refers to a missing input dimension");
      d = x->shape[i];
    }
    if (d == -1) {
      if (infer_at >= 0) return bad("more than one -1 in shape");
      infer_at = static_cast<int>(i);
      continue;
    }
    if (d <= 0 || d > x->shape.elements()) return bad("invalid dimension in shape");
    known *= d;
    if (known > x->shape.elements()) return bad("shape has more elements than the input");
    out.dim[i] = d;
  }
  if (infer_at >= 0) {
    if (x->shape.elements() % known != 0) return bad("cannot infer -1 in shape");
    out.dim[static_cast<std::size_t>(infer_at)] = x->shape.elements() / known;
  } else if (known != x->shape.elements()) {
    return bad("shape does not preserve the element count");
  }
  return Inferred{x->dtype, out, 0};
}

Result<Inferred> softmax(const Graph& g, const NodeDef& n) {
  if (auto r = arity(n, 1, 1); !r) return std::unexpected(r.error());
  const auto* x = input(g, n, 0);
  if (auto r = want(x, DType::f32, 1, kMaxRank); !r) return std::unexpected(r.error());
  const auto r = static_cast<std::int64_t>(x->shape.rank);
  const auto axis = n.attrs.axis < 0 ? n.attrs.axis + r : n.attrs.axis;
  if (axis < 0 || axis >= r) return bad("axis out of range");
  return Inferred{DType::f32, x->shape, 0};
}

// A quantization parameter: constant scalar initializer of the given dtype(s).
Result<void> qparam(const Graph& g, const NodeDef& n, std::size_t i, bool is_scale) {
  const auto* t = input(g, n, i);
  if (!t) return {};
  if (!t->is_constant || t->shape.elements() != 1) return bad("'" + t->name + "' must be a constant scalar (per-tensor quantization)");
  if (is_scale) {
    auto s = const_scalar_f32(g, n.inputs[i]);
    if (!s) return std::unexpected(s.error());
    if (!std::isfinite(*s) || *s <= 0 || !std::isnormal(*s)) return bad("scale '" + t->name + "' must be finite and > 0");
  } else if (!quant_type(t->dtype) && t->dtype != DType::i32) {
    return bad("zero point '" + t->name + "' must be uint8/int8");
  }
  return {};
}

Result<Inferred> quantize(const Graph& g, const NodeDef& n) {
  if (auto r = arity(n, 2, 3); !r) return std::unexpected(r.error());
  const auto* x = input(g, n, 0);
  if (auto r = want(x, DType::f32, 0, kMaxRank); !r) return std::unexpected(r.error());
  if (auto r = qparam(g, n, 1, true); !r) return std::unexpected(r.error());
  if (auto r = qparam(g, n, 2, false); !r) return std::unexpected(r.error());
  const auto* zp = input(g, n, 2);
  const DType out = zp ? zp->dtype : DType::u8;
  if (!quant_type(out)) return bad("output type must be uint8 or int8");
  return Inferred{out, x->shape, 0};
}

Result<Inferred> dequantize(const Graph& g, const NodeDef& n) {
  if (auto r = arity(n, 2, 3); !r) return std::unexpected(r.error());
  const auto *x = input(g, n, 0), *zp = input(g, n, 2);
  if (!quant_type(x->dtype) && x->dtype != DType::i32) return bad("input must be uint8, int8 or int32");
  if (auto r = qparam(g, n, 1, true); !r) return std::unexpected(r.error());
  if (auto r = qparam(g, n, 2, false); !r) return std::unexpected(r.error());
  if (zp && zp->dtype != x->dtype) return bad("zero point type differs from the input");
  return Inferred{DType::f32, x->shape, 0};
}

Result<Inferred> qlinear_matmul(const Graph& g, const NodeDef& n) {
  if (auto r = arity(n, 8, 8); !r) return std::unexpected(r.error());
  for (std::size_t i : {1u, 4u, 6u})
    if (auto r = qparam(g, n, i, true); !r) return std::unexpected(r.error());
  for (std::size_t i : {2u, 5u, 7u})
    if (auto r = qparam(g, n, i, false); !r) return std::unexpected(r.error());
  if (input(g, n, 2)->dtype != input(g, n, 0)->dtype || input(g, n, 5)->dtype != input(g, n, 3)->dtype)
    return bad("zero point type differs from its input");
  const DType out = input(g, n, 7)->dtype;
  if (!quant_type(out)) return bad("output type must be uint8 or int8");
  NodeDef ab = n;
  ab.inputs = {n.inputs[0], n.inputs[3]};
  auto r = matmul(g, ab, out);
  return r;
}

Result<Inferred> matmul_integer(const Graph& g, const NodeDef& n) {
  if (auto r = arity(n, 2, 4); !r) return std::unexpected(r.error());
  for (std::size_t i : {2u, 3u})
    if (auto r = qparam(g, n, i, false); !r) return std::unexpected(r.error());
  for (std::size_t i : {0u, 1u}) {
    const auto* zp = input(g, n, i + 2);
    if (zp && zp->dtype != input(g, n, i)->dtype) return bad("zero point type differs from its input");
  }
  return matmul(g, n, DType::i32);
}

}  // namespace

Result<float> const_scalar_f32(const Graph& g, int tensor) {
  const auto& t = g.tensors[static_cast<std::size_t>(tensor)];
  if (!t.is_constant || t.dtype != DType::f32 || t.shape.elements() != 1) return bad("'" + t.name + "' is not a constant float scalar");
  float v;
  std::memcpy(&v, t.data.data(), 4);
  return v;
}

Result<std::int32_t> const_scalar_int(const Graph& g, int tensor) {
  if (tensor == kNoTensor) return 0;
  const auto& t = g.tensors[static_cast<std::size_t>(tensor)];
  if (!t.is_constant || t.shape.elements() != 1) return bad("'" + t.name + "' is not a constant scalar");
  switch (t.dtype) {
    case DType::u8: return static_cast<std::int32_t>(t.data[0]);
    case DType::i8: return static_cast<std::int32_t>(static_cast<std::int8_t>(t.data[0]));
    case DType::i32: {
      std::int32_t v;
      std::memcpy(&v, t.data.data(), 4);
      return v;
    }
    default: return bad("'" + t.name + "' is not an integer scalar");
  }
}

Result<Inferred> infer_node(const Graph& g, const NodeDef& n, const Limits& limits) {
  Result<Inferred> r;
  switch (n.op) {
    case Op::gemm: r = gemm(g, n); break;
    case Op::matmul:
      if (auto a = arity(n, 2, 2); !a) return std::unexpected(a.error());
      r = matmul(g, n, DType::f32);
      break;
    case Op::add: r = add(g, n); break;
    case Op::relu:
      if (auto a = arity(n, 1, 1); !a) return std::unexpected(a.error());
      if (auto a = want(input(g, n, 0), DType::f32, 0, kMaxRank); !a) return std::unexpected(a.error());
      r = Inferred{DType::f32, input(g, n, 0)->shape, 0};
      break;
    case Op::conv:
    case Op::max_pool: r = conv_pool(g, n); break;
    case Op::flatten: r = flatten(g, n); break;
    case Op::reshape: r = reshape(g, n); break;
    case Op::softmax: r = softmax(g, n); break;
    case Op::quantize_linear: r = quantize(g, n); break;
    case Op::dequantize_linear: r = dequantize(g, n); break;
    case Op::qlinear_matmul: r = qlinear_matmul(g, n); break;
    case Op::matmul_integer: r = matmul_integer(g, n); break;
  }
  if (r && r->shape.elements() > limits.max_tensor_elements)
    return bad("output has more than " + std::to_string(limits.max_tensor_elements) + " elements");
  return r;
}

std::string_view op_name(Op op) noexcept {
  switch (op) {
    case Op::gemm: return "Gemm";
    case Op::matmul: return "MatMul";
    case Op::add: return "Add";
    case Op::relu: return "Relu";
    case Op::conv: return "Conv";
    case Op::max_pool: return "MaxPool";
    case Op::flatten: return "Flatten";
    case Op::reshape: return "Reshape";
    case Op::softmax: return "Softmax";
    case Op::quantize_linear: return "QuantizeLinear";
    case Op::dequantize_linear: return "DequantizeLinear";
    case Op::qlinear_matmul: return "QLinearMatMul";
    case Op::matmul_integer: return "MatMulInteger";
  }
  return "?";
}

}  // namespace tc::ml
