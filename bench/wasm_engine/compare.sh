#!/usr/bin/env bash
# Engine tuning comparison on the import-free ("bare") builds of bench/wasm/kernels:
# per kernel, the best-of-N user CPU time of native (gcc -O2), of tc-wasm-bare from
# BUILD_A and (optionally) from BUILD_B, the slowdowns and their geometric means.
# Used for the metering-overhead figure: BUILD_A = normal build, BUILD_B = a build
# configured with -DTC_WASM_NO_METERING=ON.
#
# usage: bench/wasm_engine/compare.sh BUILD_A [BUILD_B]     (RUNS=3 best-of runs)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
kdir="$here/../wasm/kernels"
a="$1/bench/wasm_engine/tc-wasm-bare"
b="${2:+$2/bench/wasm_engine/tc-wasm-bare}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
runs="${RUNS:-3}"
best() {  # best user time of $runs runs of "$@"
  local t best=999999
  for _ in $(seq "$runs"); do
    t=$( { /usr/bin/time -f "%U" "$@" >/dev/null; } 2>&1 | tail -1)
    best=$(python3 -c "print(min($best, $t))")
  done
  echo "$best"
}
printf "%-11s %8s %8s %7s %8s %7s\n" kernel native A A/nat B B/nat
for src in "$kdir"/*.c; do
  k=$(basename "$src" .c)
  [ "$k" = bare_rt ] && continue
  gcc -O2 -o "$out/$k" "$src" -lm
  clang --target=wasm32 -O2 -nostdlib -fno-builtin -DBENCH_BARE -Wl,--no-entry -Wl,--strip-debug \
    -o "$out/$k.wasm" "$src" "$kdir/bare_rt.c"
  n=$(best "$out/$k")
  ta=$(best "$a" "$out/$k.wasm")
  tb=""
  [ -n "$b" ] && tb=$(best "$b" "$out/$k.wasm")
  python3 - "$k" "$n" "$ta" "$tb" <<'PY'
import sys
k, n, a, b = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
line = f"{k:<11} {n:8.2f} {a:8.2f} {a/n:7.2f}"
if b: line += f" {float(b):8.2f} {float(b)/n:7.2f}"
print(line)
PY
done | tee "$out/table"
python3 - "$out/table" <<'PY'
import math, sys
rows = [l.split() for l in open(sys.argv[1])]
g = lambda i: math.exp(sum(math.log(float(r[i])) for r in rows) / len(rows))
line = f"{'geomean':<11} {'':8} {'':8} {g(3):7.2f}"
if len(rows[0]) > 4: line += f" {'':8} {g(5):7.2f}   B/A = {g(5)/g(3):.3f}"
print(line)
PY
