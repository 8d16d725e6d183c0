#!/usr/bin/env bash
# Runs scripts/ml/train_digits.py into a temp dir and compares every artifact with the
# committed one. Exit 77 (ctest skip) when Debian's python3-sklearn/python3-onnx are absent.
set -euo pipefail
script="$1" committed="$2"
if ! /usr/bin/python3 -c 'import sklearn, onnx, numpy' 2>/dev/null; then
  echo "SKIP: /usr/bin/python3 lacks sklearn/onnx/numpy (scripts/install-deps.sh)"; exit 77
fi
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 "$script" "$tmp"
for f in digits_mlp.onnx digits_mlp_int8.onnx digits_test.bin digits_data.h; do
  cmp "$committed/$f" "$tmp/$f"
done
echo "all artifacts reproduced byte for byte"
