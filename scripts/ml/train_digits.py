#!/usr/bin/python3
"""Trains the TinyML demo model (docs/ML.md) and writes every artifact the demo and the
tests use, deterministically (same bytes on every run):

  <out>/digits_mlp.onnx        float32 MLP: Gemm -> Relu -> Gemm -> Softmax      (opset 13)
  <out>/digits_mlp_int8.onnx   int8 variant: QuantizeLinear -> QLinearMatMul ->
                               DequantizeLinear -> Add -> Relu -> ... -> Softmax (opset 13)
  <out>/digits_test.bin        held-out test set + reference predictions (format below)
  <out>/digits_data.h          the same as C arrays for the wasm guest (examples/ml-digits)

digits_test.bin, little-endian:
  u32 magic 'TCD1', u32 n, u32 dim (=64), u32 classes (=10)
  n*dim u8 pixels (0..16; the model input is pixel / 16.0f)
  n u8 labels, n u8 sklearn predictions (float model), n u8 numpy predictions of the int8 graph
  n*classes f32 float-model probabilities computed by numpy (float32)

Uses Debian's python3-sklearn / python3-onnx / python3-numpy only (no network: sklearn's
digits data set ships inside the package).

usage: scripts/ml/train_digits.py [OUT_DIR]   (default: examples/ml-digits/model)
"""
import os
import struct
import sys
import warnings

# One BLAS thread: float sums in a fixed order, so the artifacts are byte-for-byte
# reproducible whatever the machine's core count (ml.train_digits_reproducible).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

HIDDEN = 32
OPSET = 13
F32 = np.float32


def train():
    digits = load_digits()
    pixels = digits.images.reshape(len(digits.images), -1).astype(np.uint8)
    x = pixels.astype(np.float64) / 16.0
    y = digits.target.astype(np.int64)
    x_tr, x_te, p_tr, p_te, y_tr, y_te = train_test_split(
        x, pixels, y, test_size=0.25, random_state=0, stratify=y)
    del p_tr
    mlp = MLPClassifier(hidden_layer_sizes=(HIDDEN,), activation="relu", solver="adam",
                        max_iter=400, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        mlp.fit(x_tr, y_tr)
    # The exported model holds float32 weights: give sklearn exactly those, so that its
    # predictions are those of the model we ship.
    mlp.coefs_ = [w.astype(F32).astype(np.float64) for w in mlp.coefs_]
    mlp.intercepts_ = [b.astype(F32).astype(np.float64) for b in mlp.intercepts_]
    return mlp, x_tr, x_te, p_te, y_te


def float_model(mlp):
    w1, w2 = [w.astype(F32) for w in mlp.coefs_]
    b1, b2 = [b.astype(F32) for b in mlp.intercepts_]
    nodes = [
        helper.make_node("Gemm", ["input", "W1", "B1"], ["h_pre"], name="fc1"),
        helper.make_node("Relu", ["h_pre"], ["h"], name="relu1"),
        helper.make_node("Gemm", ["h", "W2", "B2"], ["logits"], name="fc2"),
        helper.make_node("Softmax", ["logits"], ["probabilities"], name="softmax", axis=1),
    ]
    inits = [numpy_helper.from_array(a, n) for a, n in ((w1, "W1"), (b1, "B1"), (w2, "W2"), (b2, "B2"))]
    return make_model("digits_mlp", nodes, inits)


def make_model(name, nodes, inits):
    graph = helper.make_graph(
        nodes, name,
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 64])],
        [helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [1, 10])],
        initializer=inits)
    model = helper.make_model(graph, producer_name="tinycontainer-train_digits",
                              opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def float_reference(mlp, x):
    """The float model in numpy float32 (what the native kernels must reproduce)."""
    w1, w2 = [w.astype(F32) for w in mlp.coefs_]
    b1, b2 = [b.astype(F32) for b in mlp.intercepts_]
    h = np.maximum(x.astype(F32) @ w1 + b1, F32(0))
    logits = h @ w2 + b2
    return logits, softmax(logits).astype(F32)


# ---- int8 quantization (per-tensor, symmetric int8 weights, uint8 activations) ----------

def quantize(x, scale, zp, dtype):
    info = np.iinfo(dtype)
    q = np.rint(x.astype(F32) / F32(scale)) + zp
    return np.clip(q, info.min, info.max).astype(dtype)


def qlinear_matmul(a, a_scale, a_zp, b, b_scale, b_zp, y_scale, y_zp, dtype):
    acc = (a.astype(np.int32) - a_zp) @ (b.astype(np.int32) - b_zp)
    mult = F32(a_scale) * F32(b_scale) / F32(y_scale)
    info = np.iinfo(dtype)
    q = np.rint(acc.astype(F32) * mult) + y_zp
    return np.clip(q, info.min, info.max).astype(dtype)


def dequantize(q, scale, zp):
    return ((q.astype(np.int32) - zp).astype(F32) * F32(scale)).astype(F32)


class QuantParams:
    def __init__(self, mlp, x_cal):
        w1, w2 = [w.astype(F32) for w in mlp.coefs_]
        b1 = mlp.intercepts_[0].astype(F32)
        self.x_scale = F32(1.0 / 255.0)
        self.w1_scale = F32(np.abs(w1).max() / 127.0)
        self.w2_scale = F32(np.abs(w2).max() / 127.0)
        self.w1q = quantize(w1, self.w1_scale, 0, np.int8)
        self.w2q = quantize(w2, self.w2_scale, 0, np.int8)
        pre1 = x_cal.astype(F32) @ w1
        self.y1_scale = F32(np.abs(pre1).max() / 127.0)
        h = np.maximum(pre1 + b1, 0)
        self.h_scale = F32(h.max() / 255.0)
        pre2 = h @ w2
        self.y2_scale = F32(np.abs(pre2).max() / 127.0)


def int8_reference(mlp, qp, x):
    b1, b2 = [b.astype(F32) for b in mlp.intercepts_]
    xq = quantize(x, qp.x_scale, 0, np.uint8)
    y1 = qlinear_matmul(xq, qp.x_scale, 0, qp.w1q, qp.w1_scale, 0, qp.y1_scale, 0, np.int8)
    h = np.maximum(dequantize(y1, qp.y1_scale, 0) + b1, F32(0))
    hq = quantize(h, qp.h_scale, 0, np.uint8)
    y2 = qlinear_matmul(hq, qp.h_scale, 0, qp.w2q, qp.w2_scale, 0, qp.y2_scale, 0, np.int8)
    logits = dequantize(y2, qp.y2_scale, 0) + b2
    return softmax(logits).astype(F32)


def int8_model(mlp, qp):
    b1, b2 = [b.astype(F32) for b in mlp.intercepts_]

    def scalar(name, value, dtype):
        return numpy_helper.from_array(np.array(value, dtype=dtype), name)

    inits = [
        scalar("x_scale", qp.x_scale, F32), scalar("x_zp", 0, np.uint8),
        numpy_helper.from_array(qp.w1q, "W1q"), scalar("w1_scale", qp.w1_scale, F32),
        scalar("w_zp", 0, np.int8),
        scalar("y1_scale", qp.y1_scale, F32), scalar("y_zp", 0, np.int8),
        numpy_helper.from_array(b1.reshape(1, -1), "B1"),
        scalar("h_scale", qp.h_scale, F32), scalar("h_zp", 0, np.uint8),
        numpy_helper.from_array(qp.w2q, "W2q"), scalar("w2_scale", qp.w2_scale, F32),
        scalar("y2_scale", qp.y2_scale, F32),
        numpy_helper.from_array(b2.reshape(1, -1), "B2"),
    ]
    n = helper.make_node
    nodes = [
        n("QuantizeLinear", ["input", "x_scale", "x_zp"], ["xq"], name="q_in"),
        n("QLinearMatMul", ["xq", "x_scale", "x_zp", "W1q", "w1_scale", "w_zp", "y1_scale", "y_zp"],
          ["y1q"], name="fc1"),
        n("DequantizeLinear", ["y1q", "y1_scale", "y_zp"], ["y1"], name="dq1"),
        n("Add", ["y1", "B1"], ["h_pre"], name="bias1"),
        n("Relu", ["h_pre"], ["h"], name="relu1"),
        n("QuantizeLinear", ["h", "h_scale", "h_zp"], ["hq"], name="q_h"),
        n("QLinearMatMul", ["hq", "h_scale", "h_zp", "W2q", "w2_scale", "w_zp", "y2_scale", "y_zp"],
          ["y2q"], name="fc2"),
        n("DequantizeLinear", ["y2q", "y2_scale", "y_zp"], ["y2"], name="dq2"),
        n("Add", ["y2", "B2"], ["logits"], name="bias2"),
        n("Softmax", ["logits"], ["probabilities"], name="softmax", axis=1),
    ]
    return make_model("digits_mlp_int8", nodes, inits)


def c_array(name, ctype, values, per_line=16):
    vals = list(values)
    lines = []
    for i in range(0, len(vals), per_line):
        lines.append("  " + ", ".join(vals[i:i + per_line]) + ",")
    return f"static const {ctype} {name}[{len(vals)}] = {{\n" + "\n".join(lines) + "\n};\n"


def f32_literal(v):
    return np.format_float_positional(F32(v), unique=True, trim="0") + "f" if np.isfinite(v) else "0.0f"


def f32_hex(v):
    # Exact: the float's bit pattern, reinterpreted by the guest (no decimal rounding).
    return "0x%08xu" % struct.unpack("<I", struct.pack("<f", F32(v)))[0]


def write_header(path, mlp, f32_bytes, i8_bytes, p_te, y_te, sk_pred, q_pred):
    w1, w2 = [w.astype(F32) for w in mlp.coefs_]
    b1, b2 = [b.astype(F32) for b in mlp.intercepts_]
    out = ["/* Generated by scripts/ml/train_digits.py: do not edit. */",
           "#pragma once", "#include <stdint.h>",
           f"#define DIGITS_N {len(y_te)}", "#define DIGITS_DIM 64", "#define DIGITS_CLASSES 10",
           f"#define DIGITS_HIDDEN {HIDDEN}", ""]
    out.append("/* ONNX models (float32 and int8), the container's own memory. */")
    out.append(c_array("digits_model_f32", "uint8_t", (str(b) for b in f32_bytes), 24))
    out.append(c_array("digits_model_i8", "uint8_t", (str(b) for b in i8_bytes), 24))
    out.append("/* The float model's weights as IEEE-754 bit patterns, for the in-wasm path:"
               " W1 [64][HIDDEN], B1, W2 [HIDDEN][10], B2. */")
    out.append(c_array("digits_w1_bits", "uint32_t", (f32_hex(v) for v in w1.ravel()), 8))
    out.append(c_array("digits_b1_bits", "uint32_t", (f32_hex(v) for v in b1.ravel()), 8))
    out.append(c_array("digits_w2_bits", "uint32_t", (f32_hex(v) for v in w2.ravel()), 8))
    out.append(c_array("digits_b2_bits", "uint32_t", (f32_hex(v) for v in b2.ravel()), 8))
    out.append("/* Held-out test images (pixels 0..16, input = pixel / 16.0f), labels, sklearn's"
               " predictions, the int8 graph's reference predictions. */")
    out.append(c_array("digits_test_pixels", "uint8_t", (str(v) for v in p_te.ravel()), 32))
    out.append(c_array("digits_test_labels", "uint8_t", (str(v) for v in y_te), 32))
    out.append(c_array("digits_sklearn_pred", "uint8_t", (str(v) for v in sk_pred), 32))
    out.append(c_array("digits_int8_pred", "uint8_t", (str(v) for v in q_pred), 32))
    with open(path, "w") as f:
        f.write("\n".join(out))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "examples", "ml-digits", "model")
    os.makedirs(out_dir, exist_ok=True)

    mlp, x_tr, x_te, p_te, y_te = train()
    sk_pred = mlp.predict(x_te).astype(np.uint8)
    logits, probs = float_reference(mlp, x_te)
    top2 = np.sort(logits, axis=1)[:, -2:]
    margin = float((top2[:, 1] - top2[:, 0]).min())
    np_pred = probs.argmax(axis=1).astype(np.uint8)
    if not np.array_equal(np_pred, sk_pred):
        sys.exit("float32 numpy predictions differ from sklearn's: retrain with another seed")
    acc = float((sk_pred == y_te).mean())

    qp = QuantParams(mlp, x_tr)
    q_probs = int8_reference(mlp, qp, x_te)
    q_pred = q_probs.argmax(axis=1).astype(np.uint8)
    q_acc = float((q_pred == y_te).mean())

    f32_bytes = float_model(mlp).SerializeToString()
    i8_bytes = int8_model(mlp, qp).SerializeToString()
    with open(os.path.join(out_dir, "digits_mlp.onnx"), "wb") as f:
        f.write(f32_bytes)
    with open(os.path.join(out_dir, "digits_mlp_int8.onnx"), "wb") as f:
        f.write(i8_bytes)
    n = len(y_te)
    with open(os.path.join(out_dir, "digits_test.bin"), "wb") as f:
        f.write(struct.pack("<4sIII", b"TCD1", n, 64, 10))
        f.write(p_te.astype(np.uint8).tobytes())
        f.write(y_te.astype(np.uint8).tobytes())
        f.write(sk_pred.tobytes())
        f.write(q_pred.tobytes())
        f.write(probs.astype("<f4").tobytes())
    write_header(os.path.join(out_dir, "digits_data.h"), mlp, f32_bytes, i8_bytes, p_te, y_te,
                 sk_pred, q_pred)
    print(f"test images: {n}  float accuracy: {acc:.4f}  int8 accuracy: {q_acc:.4f}  "
          f"min top-2 logit margin: {margin:.5f}  models: {len(f32_bytes)} B / {len(i8_bytes)} B")
    if acc < 0.95 or q_acc < 0.95:
        sys.exit("accuracy below 95%")


if __name__ == "__main__":
    main()
