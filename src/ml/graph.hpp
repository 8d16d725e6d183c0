// tinycontainer ml — the validated model: our own small IR produced by the ONNX importer
// (onnx_import.hpp) and consumed by the plan compiler (plan.hpp).
//
// Contract (established by import_onnx, relied upon by compile_plan):
//  * nodes are in topological order; every node input names a tensor defined earlier
//    (graph input, initializer or an earlier node's output); every tensor is defined once;
//  * every tensor has a dtype and a static shape (rank <= kMaxRank, dims > 0, element count
//    <= Limits::max_tensor_elements) checked against the operator's typing rules;
//  * initializers carry exactly elements * dtype_size bytes (little-endian);
//  * attributes are within range for the operator (op_check.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ml/tensor.hpp"

namespace tc::ml {

enum class Op : std::uint8_t {
  gemm, matmul, add, relu, conv, max_pool, flatten, reshape, softmax,
  quantize_linear, dequantize_linear, qlinear_matmul, matmul_integer,
};

struct Attrs {
  // Gemm
  float alpha = 1.0f, beta = 1.0f;
  bool trans_a = false, trans_b = false;
  // Conv / MaxPool (2-D): kernel, strides, dilations, pads {top, left, bottom, right}
  std::int64_t kernel[2] = {0, 0};
  std::int64_t strides[2] = {1, 1};
  std::int64_t dilations[2] = {1, 1};
  std::int64_t pads[4] = {0, 0, 0, 0};
  std::int64_t group = 1;
  // Flatten / Softmax
  std::int64_t axis = 0;
  bool softmax_coerce_2d = false;  // opset < 13 semantics
};

struct TensorDef {
  std::string name;
  DType dtype = DType::f32;
  Shape shape;
  bool is_constant = false;          // initializer
  std::vector<std::uint8_t> data;    // initializer bytes (little-endian), else empty
};

inline constexpr int kNoTensor = -1;

struct NodeDef {
  Op op = Op::relu;
  std::vector<int> inputs;   // tensor indices; kNoTensor for an omitted optional input
  int output = kNoTensor;    // every supported op has exactly one output
  Attrs attrs;
};

struct Graph {
  std::vector<TensorDef> tensors;
  std::vector<NodeDef> nodes;
  int input = kNoTensor;     // the one graph input (not an initializer)
  int output = kNoTensor;    // the one graph output
  std::int64_t opset = 0;
};

}  // namespace tc::ml
