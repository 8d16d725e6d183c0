#!/usr/bin/python3
"""Writes the seed corpus of the ONNX model fuzz target (tests/ml/fuzz/corpus): one small
model per supported operator family plus broken variants (truncations, bad shapes,
unsupported ops, opsets, hostile sizes). Deterministic.

usage: scripts/ml/make_fuzz_corpus.py [OUT_DIR]
"""
import os
import sys

import numpy as np
from onnx import TensorProto, helper, numpy_helper

F = TensorProto.FLOAT


def model(nodes, inputs, outputs, inits, opset=13):
    g = helper.make_graph(nodes, "fuzz", inputs, outputs, initializer=inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", opset)])
    m.ir_version = 8
    return m.SerializeToString()


def vi(name, dims, t=F):
    return helper.make_tensor_value_info(name, t, dims)


def arr(name, a):
    return numpy_helper.from_array(a, name)


def seeds():
    r = np.random.RandomState(0)
    f = lambda *s: r.uniform(-1, 1, s).astype(np.float32)
    out = {}
    out["gemm_relu_softmax"] = model(
        [helper.make_node("Gemm", ["x", "w", "b"], ["h"], transB=1, alpha=0.5),
         helper.make_node("Relu", ["h"], ["r"]), helper.make_node("Softmax", ["r"], ["y"])],
        [vi("x", [2, 6])], [vi("y", [2, 3])], [arr("w", f(3, 6)), arr("b", f(3))])
    out["conv_pool_flatten"] = model(
        [helper.make_node("Conv", ["x", "w", "b"], ["c"], pads=[1, 1, 1, 1], strides=[1, 2], dilations=[1, 1]),
         helper.make_node("MaxPool", ["c"], ["p"], kernel_shape=[2, 2], strides=[2, 2]),
         helper.make_node("Flatten", ["p"], ["fl"]),
         helper.make_node("MatMul", ["fl", "w2"], ["y"])],
        [vi("x", [1, 2, 8, 8])], [vi("y", [1, 5])],
        [arr("w", f(3, 2, 3, 3)), arr("b", f(3)), arr("w2", f(12, 5))])
    out["add_reshape"] = model(
        [helper.make_node("Add", ["x", "c"], ["a"]), helper.make_node("Reshape", ["a", "s"], ["y"])],
        [vi("x", [2, 1, 3])], [vi("y", [4, 6])],
        [arr("c", f(4, 1)), arr("s", np.array([4, -1], dtype=np.int64))])
    out["qlinear"] = model(
        [helper.make_node("QuantizeLinear", ["x", "xs", "xz"], ["xq"]),
         helper.make_node("QLinearMatMul", ["xq", "xs", "xz", "w", "ws", "wz", "ys", "yz"], ["yq"]),
         helper.make_node("DequantizeLinear", ["yq", "ys", "yz"], ["y"])],
        [vi("x", [1, 8])], [vi("y", [1, 4])],
        [arr("xs", np.array(0.01, np.float32)), arr("xz", np.array(128, np.uint8)),
         arr("w", r.randint(-128, 127, (8, 4)).astype(np.int8)), arr("ws", np.array(0.02, np.float32)),
         arr("wz", np.array(0, np.int8)), arr("ys", np.array(0.1, np.float32)), arr("yz", np.array(0, np.int8))])
    out["matmul_integer"] = model(
        [helper.make_node("QuantizeLinear", ["x", "xs"], ["xq"]),
         helper.make_node("MatMulInteger", ["xq", "w", "az"], ["acc"]),
         helper.make_node("DequantizeLinear", ["acc", "s32"], ["y"])],
        [vi("x", [2, 3])], [vi("y", [2, 2])],
        [arr("xs", np.array(0.5, np.float32)), arr("w", np.array([[1, -1], [2, 3], [-4, 5]], np.int8)),
         arr("az", np.array(1, np.uint8)), arr("s32", np.array(0.25, np.float32))])
    out["softmax_opset11"] = model([helper.make_node("Softmax", ["x"], ["y"])], [vi("x", [2, 2, 3])],
                                   [vi("y", [2, 2, 3])], [], opset=11)
    out["unsupported_op"] = model([helper.make_node("Tanh", ["x"], ["y"])], [vi("x", [3])], [vi("y", [3])], [])
    out["bad_shape"] = model([helper.make_node("MatMul", ["x", "w"], ["y"])], [vi("x", [2, 3])],
                             [vi("y", [2, 2])], [arr("w", f(4, 2))])
    out["huge_dims"] = model([helper.make_node("Relu", ["x"], ["y"])], [vi("x", [1 << 30, 1 << 30])],
                             [vi("y", [1 << 30, 1 << 30])], [])
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "tests", "ml", "fuzz", "corpus")
    os.makedirs(out_dir, exist_ok=True)
    for name, data in sorted(seeds().items()):
        with open(os.path.join(out_dir, name + ".onnx"), "wb") as f:
            f.write(data)
        with open(os.path.join(out_dir, name + ".trunc.onnx"), "wb") as f:
            f.write(data[: len(data) * 2 // 3])
        flipped = bytearray(data)
        flipped[len(flipped) // 2] ^= 0x5a
        with open(os.path.join(out_dir, name + ".flip.onnx"), "wb") as f:
            f.write(bytes(flipped))


if __name__ == "__main__":
    main()
