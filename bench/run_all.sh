#!/usr/bin/env bash
# Runs every benchmark side by side with its peer and prints the figures recorded in
# docs/BENCHMARKS.md. usage: bench/run_all.sh [BUILD_DIR]   (make bench)
# Each script is also runnable on its own; see docs/BENCHMARKS.md for the exact commands.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
echo "== Sandbox start-up vs bubblewrap";       bash bench/sandbox/run.sh "$BUILD" 200
echo "== cgroup cost through the CLI";          python3 bench/sandbox/cgroup_cost.py "$BUILD/tinycontainer" 100
echo "== cgroup layer (host v1, then v2 VM)";   bash bench/cgroup/run.sh "$BUILD"
echo "== seccomp";                              "$BUILD/bench/seccomp/seccomp_bench"
"$BUILD/bench/seccomp/seccomp_syscall_bench"
echo "== metadata";                             "$BUILD/bench/metadata/bench_metadata"
echo "== wasm host calls";                      "$BUILD/bench/wasm_engine/wasm_engine_bench"
echo "== wasm kernels vs native and node";      RUNS=5 ENGINES="native node ours" bash bench/wasm/run.sh "$BUILD"
echo "== wasm module load";                     bash bench/wasm/load_bench.sh "$BUILD" 5
