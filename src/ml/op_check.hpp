// tinycontainer ml — per-operator typing, attribute ranges and static shape inference
// (the ONNX operator specifications, https://onnx.ai/onnx/operators/, opsets 11–17,
// restricted to the subset docs/ML.md lists).
//
// Contract: infer_node() is called by the importer for each node in topological order,
// with every input tensor already validated; it checks input count/dtypes/shapes and the
// node's attributes, and returns the output tensor's dtype and shape plus the node's
// multiply-accumulate count. Quantization parameters (scales, zero points) and Reshape's
// shape must be constant initializers (per-tensor quantization only).
#pragma once

#include <cstdint>
#include <string_view>

#include "common/error.hpp"
#include "ml/graph.hpp"
#include "ml/limits.hpp"

namespace tc::ml {

struct Inferred {
  DType dtype = DType::f32;
  Shape shape;
  std::int64_t macs = 0;
};

[[nodiscard]] Result<Inferred> infer_node(const Graph& g, const NodeDef& node, const Limits& limits);

// Reads constant scalar initializers (rank 0 or a single element); nullopt-like error when
// the tensor is not a constant scalar of that dtype.
[[nodiscard]] Result<float> const_scalar_f32(const Graph& g, int tensor);
[[nodiscard]] Result<std::int32_t> const_scalar_int(const Graph& g, int tensor);  // u8/i8/i32

[[nodiscard]] std::string_view op_name(Op op) noexcept;

}  // namespace tc::ml
