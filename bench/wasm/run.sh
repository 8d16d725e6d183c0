#!/usr/bin/env bash
# WebAssembly kernel benchmark: builds bench/wasm/kernels/*.c natively (gcc -O2) and to
# wasm32-wasi (clang -O2, Debian's wasi-libc), runs each kernel on every available
# engine, checks every engine's checksum against native, and prints the median time and
# the slowdown vs native per kernel plus the geometric mean.
#
# usage: bench/wasm/run.sh BUILD_DIR
#   RUNS=5          timed runs per kernel and engine (median reported)
#   SLOW_RUNS=1     runs for wasm-interp (wabt's reference interpreter is ~200x native)
#   ENGINES="native node wasm-interp ours"   subset to run
#   KERNELS="fib sieve ..."                   subset to run
# Engines: native; node (V8 JIT, node:wasi); wasm-interp (wabt; Debian builds it without
# WASI, so it runs the import-free "bare" build of the same kernel source through
# --run-all-exports); ours (BUILD_DIR/tc-wasm-run, else `BUILD_DIR/tinycontainer run`).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
build="${1:?usage: $0 BUILD_DIR}"
build="$(mkdir -p "$build" && cd "$build" && pwd)"
out="$build/bench-wasm"
mkdir -p "$out/native" "$out/wasi" "$out/bare"

kernels="${KERNELS:-$(cd "$here/kernels" && ls ./*.c | sed 's|^\./||; s|\.c$||' | grep -v '^bare_rt$' | tr '\n' ' ')}"
wasi_flags=(--target=wasm32-wasi --sysroot=/usr -O2 -Wl,--strip-debug)
bare_flags=(--target=wasm32 -O2 -nostdlib -fno-builtin -DBENCH_BARE -Wl,--no-entry -Wl,--strip-debug)

echo "building kernels into $out" >&2
for k in $kernels; do
  src="$here/kernels/$k.c"
  gcc -O2 -Wall -Wextra -Werror -o "$out/native/$k" "$src" -lm
  clang "${wasi_flags[@]}" -Wall -Wextra -Werror -o "$out/wasi/$k.wasm" "$src"
  clang "${bare_flags[@]}" -Wall -Wextra -Werror -o "$out/bare/$k.wasm" "$src" "$here/kernels/bare_rt.c"
done

ours=""
if [ -x "$build/tc-wasm-run" ]; then
  ours="$build/tc-wasm-run"
elif [ -x "$build/bench/wasm/tc-wasm-run" ]; then
  ours="$build/bench/wasm/tc-wasm-run"
elif [ -x "$build/tinycontainer" ] && "$build/tinycontainer" run --help 2>/dev/null | grep -q -- --fuel; then
  ours="$build/tinycontainer run"
fi

exec python3 "$here/measure.py" --out "$out" --kernels "$kernels" \
  --engines "${ENGINES:-native node wasm-interp ours}" --runs "${RUNS:-5}" \
  --slow-runs "${SLOW_RUNS:-1}" --node-runner "$here/node_wasi.mjs" --ours "$ours"
