// tinycontainer ml — the execution plan: a validated Graph compiled once into a list of
// kernel steps over one preallocated arena.
//
// Contract:
//  * compile_plan() lays out every tensor (constants copied in, activations, scratch) in
//    one 64-byte-aligned arena allocated once; Reshape/Flatten alias their input (no copy);
//    Gemm with a constant transposed B stores Bᵀ once. The arena never exceeds
//    Limits::max_arena_bytes (Error Phase::validate otherwise).
//  * run() performs no allocation and cannot fail once sizes match: it copies `input`
//    (exactly input_bytes(), little-endian, possibly unaligned) into the arena, executes
//    the steps, copies the output (output_bytes()) to `output`. Returns false only when a
//    span has the wrong size. Not thread-safe (the arena is the plan's state): one caller
//    at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "common/error.hpp"
#include "ml/graph.hpp"
#include "ml/kernels.hpp"
#include "ml/limits.hpp"

namespace tc::ml {

struct Step {
  Op op = Op::relu;
  std::size_t in[3] = {0, 0, 0};   // arena offsets of the inputs (optional ones: kNone)
  std::size_t out = 0;
  std::size_t scratch = 0;         // int32 accumulators / transposed operand
  std::int64_t n = 0;              // elements (elementwise ops)
  kernels::GemmArgs gemm{};        // pointers filled as offsets; rebased at run()
  bool transpose_b_at_run = false;
  kernels::Broadcast4 bc{};
  kernels::WindowArgs win{};
  std::int64_t group = 1;
  std::int64_t outer = 1, len = 1, inner = 1;
  float scale = 1.0f;              // quantize/dequantize scale, requantize multiplier
  std::int32_t zp = 0;
  kernels::IntMatmulArgs imm{};
  DType in_type = DType::f32, out_type = DType::f32;
};

class Plan {
 public:
  [[nodiscard]] std::size_t input_bytes() const noexcept { return input_bytes_; }
  [[nodiscard]] std::size_t output_bytes() const noexcept { return output_bytes_; }
  [[nodiscard]] const Shape& input_shape() const noexcept { return input_shape_; }
  [[nodiscard]] const Shape& output_shape() const noexcept { return output_shape_; }
  [[nodiscard]] DType input_type() const noexcept { return input_type_; }
  [[nodiscard]] DType output_type() const noexcept { return output_type_; }
  [[nodiscard]] std::size_t arena_bytes() const noexcept { return arena_size_; }
  [[nodiscard]] std::size_t steps() const noexcept { return steps_.size(); }

  bool run(std::span<const std::uint8_t> input, std::span<std::uint8_t> output) noexcept;

 private:
  friend Result<std::unique_ptr<Plan>> compile_plan(const Graph& g, const Limits& limits);
  void execute(const Step& s) noexcept;

  struct FreeDelete { void operator()(std::byte* p) const noexcept; };
  std::unique_ptr<std::byte[], FreeDelete> arena_;
  std::size_t arena_size_ = 0;
  std::vector<Step> steps_;
  std::size_t input_off_ = 0, output_off_ = 0, input_bytes_ = 0, output_bytes_ = 0;
  Shape input_shape_, output_shape_;
  DType input_type_ = DType::f32, output_type_ = DType::f32;
};

[[nodiscard]] Result<std::unique_ptr<Plan>> compile_plan(const Graph& g, const Limits& limits);

// import_onnx + compile_plan.
[[nodiscard]] Result<std::unique_ptr<Plan>> load_model(std::span<const std::uint8_t> model,
                                                       const Limits& limits);

}  // namespace tc::ml
