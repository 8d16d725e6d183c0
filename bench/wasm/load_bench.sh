#!/usr/bin/env bash
# Load benchmark: decode + validate + compile + instantiate time and peak memory for a
# ~1 MB wasm32-wasi module (generated C, see gen_big_module.py) whose main() returns at
# once, so the run is all loading.
#
# usage: bench/wasm/load_bench.sh BUILD_DIR [RUNS=9]
# Reports, per engine, the median whole-process wall time and max RSS (/usr/bin/time);
# for ours also the in-process wall and CPU time of run_wasm (from --json usage).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$(cd "${1:?usage: $0 BUILD_DIR [RUNS]}" && pwd)"
runs="${2:-9}"
out="$build/bench-wasm"
mkdir -p "$out"
python3 "$here/gen_big_module.py" 2500 > "$out/big.c"
clang --target=wasm32-wasi --sysroot=/usr -O2 -Wl,--strip-debug -o "$out/big.wasm" "$out/big.c"
ours="$build/tc-wasm-run"
[ -x "$ours" ] || { echo "no $ours (build target tc-wasm-run)" >&2; exit 1; }

python3 - "$out/big.wasm" "$ours" "$here/node_wasi.mjs" "$runs" <<'PY'
import json, os, statistics, subprocess, sys, time
wasm, ours, node_runner, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])

def timed(cmd):
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, capture_output=True, text=True)
    dt = time.perf_counter() - t0
    if p.returncode != 0:
        raise SystemExit(f"{cmd}: exit {p.returncode}: {p.stderr[-300:]}")
    return dt, int(p.stderr.strip().splitlines()[-1]), p.stdout

engines = {
    "ours (tc-wasm-run)": [ours, "--json", wasm],
    "node (V8, compile+instantiate)": ["node", "--no-warnings", node_runner, wasm],
    "wabt wasm-validate (decode+validate only)": ["wasm-validate", wasm],
}
res = {k: [] for k in engines}
inproc = []
for _ in range(runs):
    for name, cmd in engines.items():
        dt, rss, stdout = timed(cmd)
        res[name].append((dt, rss))
        if name.startswith("ours"):
            u = json.loads(stdout.strip().splitlines()[-1])["usage"]
            inproc.append((u["wall_seconds"], u["user_seconds"] + u["sys_seconds"]))
size = os.path.getsize(wasm)
print(f"module: {size} bytes ({size / 1e6:.2f} MB), {runs} runs, medians\n")
print("| engine | process wall (ms) | max RSS (MiB) |")
print("|---|---|---|")
for name, v in res.items():
    print(f"| {name} | {statistics.median(d for d, _ in v) * 1e3:.1f} | "
          f"{statistics.median(r for _, r in v) / 1024:.1f} |")
print(f"\nours, in-process run_wasm (load + validate + compile + instantiate + an empty main): "
      f"{statistics.median(w for w, _ in inproc) * 1e3:.1f} ms wall, "
      f"{statistics.median(c for _, c in inproc) * 1e3:.1f} ms CPU")
PY
