// tinycontainer ml — hard bounds on what a model may ask of the host (docs/ML.md "Limits").
//
// Contract: the importer rejects (Error, never a crash or an out-of-bounds read) any model
// that exceeds one of these; the plan's arena is allocated once, at compile time, and never
// exceeds max_arena_bytes; the service's plan cache never holds more than the cache limits.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tc::ml {

struct Limits {
  std::size_t max_model_bytes = 4u << 20;         // serialized ONNX
  std::int64_t max_tensor_elements = 1 << 20;     // any one tensor
  std::size_t max_arena_bytes = 16u << 20;        // activations + constants of one plan
  std::size_t max_nodes = 256;
  std::size_t max_tensors = 1024;
  std::int64_t max_macs = 1LL << 28;              // multiply-accumulates per inference
  std::size_t cache_entries = 16;                 // compiled plans kept by the service
  std::size_t cache_entries_per_container = 4;
  std::size_t cache_bytes = 64u << 20;            // arenas + model copies of cached plans
};

}  // namespace tc::ml
