#!/usr/bin/env bash
# Sandbox start-up benchmark (docs/BENCHMARKS.md "## Sandbox start-up").
# Usage: bench/sandbox/run.sh [BUILD_DIR] [N] [SETTLE_MS] [--fixed-order]   (as root, like the CI)
# SETTLE_MS (default 0): pause before each command (bench/sandbox/startup_bench.py).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-build}"
n="${2:-200}"
settle="${3:-0}"
tc="$(cd "$build" && pwd)/tinycontainer"
[ -x "$tc" ] || { echo "no $tc: build first (cmake --build $build --target tinycontainer)" >&2; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
g++ -O2 -std=c++20 -o "$tmp/spawn_model" "$here/spawn_model.cpp"
"$tmp/spawn_model" "$tc" 500
/usr/bin/python3 "$here/startup_bench.py" "$tc" "$n" "$settle" "${@:4}"
