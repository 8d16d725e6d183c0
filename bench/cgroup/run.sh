#!/usr/bin/env bash
# Per-run cgroup cost on this host (v1 on the hybrid CI machine) and on cgroup v2 in the
# QEMU/TCG VM of tests/vm/. Usage: bench/cgroup/run.sh [BUILD_DIR]   (default: build)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-build}" && pwd)
cmake --build "$build" -j2 --target bench_cgroup >/dev/null
echo "== host ($(uname -r), load: $(cut -d' ' -f1-3 /proc/loadavg))"
"$build/bench/bench_cgroup" --benchmark_min_time=0.5
echo "== cgroup v2 VM (QEMU TCG, software emulation)"
log="$build/vm-cache/cgroup_bench.log"
mkdir -p "$build/vm-cache"
"$root/tests/vm/run_vm.sh" "$build/vm-cache" "$log" "$root/tests/vm/cgroup_bench.sh" \
  --bin "$build/bench/bench_cgroup" || { cat "$log"; exit 1; }
sed -n '/^Benchmark/,/^TC-VM-EXIT/p' "$log"
