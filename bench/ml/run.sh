#!/usr/bin/env bash
# TinyML benchmark (docs/BENCHMARKS.md "TinyML"): runs build/bench/ml/ml_bench with
# repetitions and prints the per-inference CPU time of each path and the speedup of the
# ml host service over in-container (interpreted wasm) inference.
# usage: bench/ml/run.sh [BUILD_DIR]
set -euo pipefail
build="${1:-build}"
bin="$build/bench/ml/ml_bench"
[ -x "$bin" ] || { echo "build $bin first: cmake --build $build --target ml_bench" >&2; exit 1; }
out="$(mktemp)"; trap 'rm -f "$out"' EXIT
"$bin" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
       --benchmark_min_time=0.3 --benchmark_format=csv 2>/dev/null > "$out"
/usr/bin/python3 - "$out" <<'PY'
import csv, sys
rows = {}
for r in csv.reader(open(sys.argv[1])):
    if len(r) > 3 and r[0].endswith("_median"):
        rows[r[0][:-7].strip('"')] = float(r[3])  # cpu_time, us
for name, us in rows.items():
    print(f"{name:32s} {us:9.3f} us (median CPU time of 5)")
w, h = rows.get("BM_Wasm_InContainer"), rows.get("BM_Wasm_HostService")
if w and h:
    print(f"speedup host service vs in-container wasm: {w / h:.1f}x")
    print(f"call overhead: wasm->host endpoint round trip {rows['BM_Wasm_EmptyEndpointCall']:.3f} us, "
          f"service (request checks + cache lookup) {rows['BM_Native_ServiceInfer'] - rows['BM_Native_PlanRun']:.3f} us")
PY
