// ONNX ModelProto → Graph (see onnx_import.hpp for the contract).
#include "ml/onnx_import.hpp"

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <unordered_map>

#include "ml/op_check.hpp"
#include "onnx.pb.h"

namespace tc::ml {
namespace {

static_assert(std::endian::native == std::endian::little, "raw_data is little-endian");

using Names = std::unordered_map<std::string, int>;

auto invalid(std::string what) { return make_error(Phase::validate, "onnx: " + std::move(what)); }

Result<DType> map_dtype(std::int32_t t, const std::string& what) {
  switch (t) {
    case onnx::TensorProto_DataType_FLOAT: return DType::f32;
    case onnx::TensorProto_DataType_UINT8: return DType::u8;
    case onnx::TensorProto_DataType_INT8: return DType::i8;
    case onnx::TensorProto_DataType_INT32: return DType::i32;
    case onnx::TensorProto_DataType_INT64: return DType::i64;
    default: return invalid(what + ": unsupported element type " + std::to_string(t));
  }
}

Result<Shape> checked_shape(const auto& dims, const std::string& what, const Limits& limits) {
  if (static_cast<std::size_t>(dims.size()) > kMaxRank)
    return invalid(what + ": rank " + std::to_string(dims.size()) + " > " + std::to_string(kMaxRank));
  Shape s;
  std::int64_t n = 1;
  for (const std::int64_t d : dims) {
    if (d <= 0) return invalid(what + ": dimension " + std::to_string(d) + " (must be > 0)");
    if (d > limits.max_tensor_elements || n > limits.max_tensor_elements / d)
      return invalid(what + ": more than " + std::to_string(limits.max_tensor_elements) + " elements");
    n *= d;
    s.dim[s.rank++] = d;
  }
  return s;
}

// Copies typed fields into little-endian bytes, checking every count and value range.
template <class Out, class In>
Result<void> copy_typed(const In& field, std::vector<std::uint8_t>& out, std::int64_t n,
                        const std::string& what) {
  if (field.size() != n) return invalid(what + ": " + std::to_string(field.size()) + " values for " +
                                        std::to_string(n) + " elements");
  out.resize(static_cast<std::size_t>(n) * sizeof(Out));
  for (std::int64_t i = 0; i < n; ++i) {
    const auto v = field.Get(static_cast<int>(i));
    if constexpr (std::is_integral_v<Out>) {
      if (v < std::numeric_limits<Out>::min() || v > std::numeric_limits<Out>::max())
        return invalid(what + ": value out of range for its type");
    }
    const Out o = static_cast<Out>(v);
    std::memcpy(out.data() + i * sizeof(Out), &o, sizeof(Out));
  }
  return {};
}

Result<TensorDef> import_initializer(const onnx::TensorProto& t, const Limits& limits) {
  const std::string what = "initializer '" + t.name() + "'";
  if (t.name().empty()) return invalid("initializer without a name");
  if (t.has_segment()) return invalid(what + ": segmented tensors are not supported");
  if (t.data_location() != onnx::TensorProto_DataLocation_DEFAULT || t.external_data_size() > 0)
    return invalid(what + ": external data is not supported");
  auto dtype = map_dtype(t.data_type(), what);
  if (!dtype) return std::unexpected(dtype.error());
  auto shape = checked_shape(t.dims(), what, limits);
  if (!shape) return std::unexpected(shape.error());
  TensorDef def{t.name(), *dtype, *shape, true, {}};
  const std::int64_t n = shape->elements();
  const std::size_t bytes = static_cast<std::size_t>(n) * dtype_size(*dtype);
  if (t.has_raw_data()) {
    if (t.raw_data().size() != bytes)
      return invalid(what + ": raw_data has " + std::to_string(t.raw_data().size()) +
                     " bytes, shape needs " + std::to_string(bytes));
    def.data.assign(t.raw_data().begin(), t.raw_data().end());
    return def;
  }
  Result<void> r;
  switch (*dtype) {
    case DType::f32: r = copy_typed<float>(t.float_data(), def.data, n, what); break;
    case DType::u8: r = copy_typed<std::uint8_t>(t.int32_data(), def.data, n, what); break;
    case DType::i8: r = copy_typed<std::int8_t>(t.int32_data(), def.data, n, what); break;
    case DType::i32: r = copy_typed<std::int32_t>(t.int32_data(), def.data, n, what); break;
    case DType::i64: r = copy_typed<std::int64_t>(t.int64_data(), def.data, n, what); break;
  }
  if (!r) return std::unexpected(r.error());
  return def;
}

Result<TensorDef> import_value_info(const onnx::ValueInfoProto& v, const Limits& limits) {
  const std::string what = "graph input '" + v.name() + "'";
  if (v.name().empty()) return invalid("graph input without a name");
  if (!v.has_type() || !v.type().has_tensor_type()) return invalid(what + ": not a tensor");
  const auto& tt = v.type().tensor_type();
  auto dtype = map_dtype(tt.elem_type(), what);
  if (!dtype) return std::unexpected(dtype.error());
  if (!tt.has_shape()) return invalid(what + ": no shape (static shapes only)");
  std::vector<std::int64_t> dims;
  for (const auto& d : tt.shape().dim()) {
    if (!d.has_dim_value()) return invalid(what + ": symbolic dimension (static shapes only)");
    dims.push_back(d.dim_value());
  }
  auto shape = checked_shape(dims, what, limits);
  if (!shape) return std::unexpected(shape.error());
  return TensorDef{v.name(), *dtype, *shape, false, {}};
}

Result<Op> map_op(const onnx::NodeProto& n) {
  if (!n.domain().empty() && n.domain() != "ai.onnx")
    return invalid("node '" + n.name() + "': operator domain '" + n.domain() + "' not supported");
  static constexpr std::pair<std::string_view, Op> kOps[] = {
      {"Gemm", Op::gemm}, {"MatMul", Op::matmul}, {"Add", Op::add}, {"Relu", Op::relu},
      {"Conv", Op::conv}, {"MaxPool", Op::max_pool}, {"Flatten", Op::flatten},
      {"Reshape", Op::reshape}, {"Softmax", Op::softmax},
      {"QuantizeLinear", Op::quantize_linear}, {"DequantizeLinear", Op::dequantize_linear},
      {"QLinearMatMul", Op::qlinear_matmul}, {"MatMulInteger", Op::matmul_integer}};
  for (const auto& [name, op] : kOps)
    if (n.op_type() == name) return op;
  return invalid("node '" + n.name() + "': unsupported operator '" + n.op_type() + "'");
}

Result<void> ints2(const onnx::AttributeProto& a, std::int64_t* out, int count, std::int64_t lo,
                   std::int64_t hi, const std::string& what) {
  if (a.type() != onnx::AttributeProto_AttributeType_INTS || a.ints_size() != count)
    return invalid(what + ": attribute '" + a.name() + "' must be " + std::to_string(count) + " ints");
  for (int i = 0; i < count; ++i) {
    if (a.ints(i) < lo || a.ints(i) > hi)
      return invalid(what + ": attribute '" + a.name() + "' value " + std::to_string(a.ints(i)) +
                     " outside [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    out[i] = a.ints(i);
  }
  return {};
}

Result<std::int64_t> int_attr(const onnx::AttributeProto& a, std::int64_t lo, std::int64_t hi,
                              const std::string& what) {
  if (a.type() != onnx::AttributeProto_AttributeType_INT)
    return invalid(what + ": attribute '" + a.name() + "' must be an int");
  if (a.i() < lo || a.i() > hi)
    return invalid(what + ": attribute '" + a.name() + "' value " + std::to_string(a.i()) +
                   " outside [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
  return a.i();
}

Result<float> float_attr(const onnx::AttributeProto& a, const std::string& what) {
  if (a.type() != onnx::AttributeProto_AttributeType_FLOAT || !std::isfinite(a.f()))
    return invalid(what + ": attribute '" + a.name() + "' must be a finite float");
  return a.f();
}

constexpr std::int64_t kMaxWindow = 1 << 12;  // kernel, stride, dilation, pad bound

// Conv / MaxPool window attributes.
Result<bool> window_attr(const onnx::AttributeProto& a, Attrs& at, const std::string& what) {
  const auto& nm = a.name();
  Result<void> r;
  if (nm == "kernel_shape") r = ints2(a, at.kernel, 2, 1, kMaxWindow, what);
  else if (nm == "strides") r = ints2(a, at.strides, 2, 1, kMaxWindow, what);
  else if (nm == "dilations") r = ints2(a, at.dilations, 2, 1, kMaxWindow, what);
  else if (nm == "pads") r = ints2(a, at.pads, 4, 0, kMaxWindow, what);
  else if (nm == "auto_pad") {
    if (a.type() != onnx::AttributeProto_AttributeType_STRING ||
        (a.s() != "NOTSET" && a.s() != "VALID" && !a.s().empty()))
      return invalid(what + ": auto_pad must be NOTSET or VALID (SAME_* not supported)");
  } else return false;
  if (!r) return std::unexpected(r.error());
  return true;
}

Result<void> one_attr(Op op, const onnx::AttributeProto& a, Attrs& at, const std::string& what) {
  const auto& nm = a.name();
  auto unknown = [&] { return invalid(what + ": unsupported attribute '" + nm + "'"); };
  auto set_int = [&](std::int64_t lo, std::int64_t hi, auto&& store) -> Result<void> {
    auto v = int_attr(a, lo, hi, what);
    if (!v) return std::unexpected(v.error());
    store(*v);
    return {};
  };
  switch (op) {
    case Op::gemm:
      if (nm == "alpha" || nm == "beta") {
        auto v = float_attr(a, what);
        if (!v) return std::unexpected(v.error());
        (nm == "alpha" ? at.alpha : at.beta) = *v;
        return {};
      }
      if (nm == "transA") return set_int(0, 1, [&](auto v) { at.trans_a = v != 0; });
      if (nm == "transB") return set_int(0, 1, [&](auto v) { at.trans_b = v != 0; });
      return unknown();
    case Op::conv:
    case Op::max_pool: {
      auto w = window_attr(a, at, what);
      if (!w) return std::unexpected(w.error());
      if (*w) return {};
      if (op == Op::conv && nm == "group") return set_int(1, 1 << 16, [&](auto v) { at.group = v; });
      if (op == Op::max_pool && (nm == "ceil_mode" || nm == "storage_order"))
        return set_int(0, 0, [](auto) {});
      return unknown();
    }
    case Op::flatten:
    case Op::softmax:
      if (nm == "axis") return set_int(-static_cast<std::int64_t>(kMaxRank), kMaxRank, [&](auto v) { at.axis = v; });
      return unknown();
    case Op::reshape:
      if (nm == "allowzero") return set_int(0, 0, [](auto) {});
      return unknown();
    case Op::quantize_linear:
    case Op::dequantize_linear:
      // Per-tensor quantization only: the axis is irrelevant for scalar scales.
      if (nm == "axis") return set_int(-static_cast<std::int64_t>(kMaxRank), kMaxRank, [](auto) {});
      return unknown();
    default: return unknown();
  }
}

Result<Attrs> import_attrs(Op op, const onnx::NodeProto& n, std::int64_t opset, const std::string& what) {
  Attrs at;
  if (op == Op::flatten) at.axis = 1;
  if (op == Op::softmax) {
    at.axis = opset >= 13 ? -1 : 1;
    at.softmax_coerce_2d = opset < 13;
  }
  for (int i = 0; i < n.attribute_size(); ++i) {
    const auto& a = n.attribute(i);
    for (int j = 0; j < i; ++j)
      if (n.attribute(j).name() == a.name()) return invalid(what + ": duplicate attribute '" + a.name() + "'");
    auto r = one_attr(op, a, at, what);
    if (!r) return std::unexpected(r.error());
  }
  return at;
}

Result<std::int64_t> import_opset(const onnx::ModelProto& m) {
  if (m.ir_version() < 3) return invalid("ir_version " + std::to_string(m.ir_version()) + " < 3");
  std::int64_t opset = 0;
  for (const auto& o : m.opset_import()) {
    if (!o.domain().empty() && o.domain() != "ai.onnx")
      return invalid("opset domain '" + o.domain() + "' not supported");
    if (opset != 0) return invalid("more than one opset import for the default domain");
    opset = o.version();
  }
  if (opset < kMinOpset || opset > kMaxOpset)
    return invalid("opset " + std::to_string(opset) + " not supported (supported: " +
                   std::to_string(kMinOpset) + "–" + std::to_string(kMaxOpset) + ")");
  return opset;
}

Result<int> define(Graph& g, Names& names, TensorDef def, const Limits& limits) {
  if (g.tensors.size() >= limits.max_tensors) return invalid("more than " + std::to_string(limits.max_tensors) + " tensors");
  if (names.contains(def.name)) return invalid("tensor '" + def.name + "' defined more than once");
  const int idx = static_cast<int>(g.tensors.size());
  names.emplace(def.name, idx);
  g.tensors.push_back(std::move(def));
  return idx;
}

Result<void> import_node(Graph& g, Names& names, const onnx::NodeProto& n, const Limits& limits,
                         std::int64_t& macs) {
  const std::string what = "node '" + n.name() + "' (" + n.op_type() + ")";
  auto op = map_op(n);
  if (!op) return std::unexpected(op.error());
  NodeDef node{*op, {}, kNoTensor, {}};
  auto attrs = import_attrs(*op, n, g.opset, what);
  if (!attrs) return std::unexpected(attrs.error());
  node.attrs = *attrs;
  for (const auto& in : n.input()) {
    if (in.empty()) { node.inputs.push_back(kNoTensor); continue; }
    const auto it = names.find(in);
    if (it == names.end()) return invalid(what + ": input '" + in + "' is not defined before use");
    node.inputs.push_back(it->second);
  }
  int outputs = 0;
  for (int i = 0; i < n.output_size(); ++i) outputs += n.output(i).empty() ? 0 : 1;
  if (n.output_size() < 1 || n.output(0).empty() || outputs != 1)
    return invalid(what + ": exactly one output supported");
  auto inf = infer_node(g, node, limits);
  if (!inf) return std::unexpected(Error{inf.error().phase, what + ": " + inf.error().message, 0});
  if (inf->macs > limits.max_macs - macs) return invalid("more than " + std::to_string(limits.max_macs) + " multiply-accumulates per inference");
  macs += inf->macs;
  auto out = define(g, names, TensorDef{n.output(0), inf->dtype, inf->shape, false, {}}, limits);
  if (!out) return std::unexpected(out.error());
  node.output = *out;
  g.nodes.push_back(std::move(node));
  return {};
}

Result<void> import_io(Graph& g, Names& names, const onnx::GraphProto& gp, const Limits& limits) {
  for (const auto& v : gp.input()) {
    if (names.contains(v.name())) continue;  // IR < 4 lists initializers as inputs too
    if (g.input != kNoTensor) return invalid("more than one graph input (one supported)");
    auto def = import_value_info(v, limits);
    if (!def) return std::unexpected(def.error());
    auto idx = define(g, names, std::move(*def), limits);
    if (!idx) return std::unexpected(idx.error());
    g.input = *idx;
  }
  if (g.input == kNoTensor) return invalid("the graph has no input");
  return {};
}

Result<void> import_output(Graph& g, const Names& names, const onnx::GraphProto& gp) {
  if (gp.output_size() != 1) return invalid("exactly one graph output supported");
  const auto& o = gp.output(0);
  const auto it = names.find(o.name());
  if (it == names.end() || g.tensors[static_cast<std::size_t>(it->second)].is_constant || it->second == g.input)
    return invalid("graph output '" + o.name() + "' is not computed by a node");
  const auto& t = g.tensors[static_cast<std::size_t>(it->second)];
  if (o.has_type() && o.type().has_tensor_type()) {
    const auto& tt = o.type().tensor_type();
    auto dt = map_dtype(tt.elem_type(), "graph output");
    if (tt.elem_type() != 0 && (!dt || *dt != t.dtype)) return invalid("graph output '" + o.name() + "': declared type differs");
    if (tt.has_shape()) {
      bool same = static_cast<std::size_t>(tt.shape().dim_size()) == t.shape.rank;
      for (std::size_t i = 0; same && i < t.shape.rank; ++i) {
        const auto& d = tt.shape().dim(static_cast<int>(i));
        same = !d.has_dim_value() || d.dim_value() == t.shape[i];
      }
      if (!same) return invalid("graph output '" + o.name() + "': declared shape differs from the computed one");
    }
  }
  g.output = it->second;
  return {};
}

}  // namespace

Result<Graph> import_onnx(std::span<const std::uint8_t> model, const Limits& limits) {
  if (model.size() > limits.max_model_bytes)
    return invalid("model is " + std::to_string(model.size()) + " bytes, limit " + std::to_string(limits.max_model_bytes));
  onnx::ModelProto m;
  if (!m.ParseFromArray(model.data(), static_cast<int>(model.size())))
    return make_error(Phase::decode, "onnx: not a valid ModelProto (truncated or corrupt protobuf)");
  Graph g;
  auto opset = import_opset(m);
  if (!opset) return std::unexpected(opset.error());
  g.opset = *opset;
  if (!m.has_graph()) return invalid("model has no graph");
  const auto& gp = m.graph();
  if (static_cast<std::size_t>(gp.node_size()) > limits.max_nodes)
    return invalid(std::to_string(gp.node_size()) + " nodes, limit " + std::to_string(limits.max_nodes));
  if (gp.sparse_initializer_size() > 0) return invalid("sparse initializers are not supported");
  Names names;
  for (const auto& t : gp.initializer()) {
    auto def = import_initializer(t, limits);
    if (!def) return std::unexpected(def.error());
    auto idx = define(g, names, std::move(*def), limits);
    if (!idx) return std::unexpected(idx.error());
  }
  if (auto r = import_io(g, names, gp, limits); !r) return std::unexpected(r.error());
  std::int64_t macs = 0;
  for (const auto& n : gp.node())
    if (auto r = import_node(g, names, n, limits, macs); !r) return std::unexpected(r.error());
  if (auto r = import_output(g, names, gp); !r) return std::unexpected(r.error());
  return g;
}

}  // namespace tc::ml
