// tinycontainer ml — ONNX model import: serialized ModelProto bytes → validated Graph.
//
// Contract:
//  * Parsing uses Debian's protobuf-lite with the classes generated from libonnx-dev's
//    onnx.proto (package `onnx`); the bytes are only read through protobuf's bounds-checked
//    parser, never cast or indexed by us.
//  * Everything is validated before a Graph is returned (graph.hpp lists the guarantees):
//    model size, IR version >= 3, default-domain opset in [kMinOpset, kMaxOpset] and no
//    other domain, supported operators only, attributes typed and in range, topological
//    order with every tensor defined exactly once, static shapes, initializer byte counts,
//    per-tensor element and total MAC bounds (limits.hpp).
//  * Errors: Phase::decode (not a ModelProto), Phase::validate (everything else); the
//    message names the node/tensor. Never throws (except std::bad_alloc), never reads out
//    of bounds: this is the fuzzed surface (tests/ml/fuzz).
#pragma once

#include <cstdint>
#include <span>

#include "common/error.hpp"
#include "ml/graph.hpp"
#include "ml/limits.hpp"

namespace tc::ml {

inline constexpr std::int64_t kMinOpset = 11;
inline constexpr std::int64_t kMaxOpset = 17;

[[nodiscard]] Result<Graph> import_onnx(std::span<const std::uint8_t> model, const Limits& limits);

}  // namespace tc::ml
