#!/usr/bin/env python3
"""Times the built kernels on each engine (called by run.sh; see there for usage).

Every engine's checksum is compared with the native one; a mismatch or a failure is
reported in the table instead of a time. Engines alternate within each round so that
machine noise spreads over all of them. Times are whole-process wall times (startup,
module load and compilation included), median of the rounds.
"""
import argparse
import math
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time


def command(engine, kernel, args):
    out = args.out
    if engine == "native":
        return [os.path.join(out, "native", kernel)]
    if engine == "node":
        return ["node", "--no-warnings", args.node_runner, os.path.join(out, "wasi", kernel + ".wasm")]
    if engine == "wasm-interp":
        return ["wasm-interp", os.path.join(out, "bare", kernel + ".wasm"), "--run-all-exports"]
    if engine == "ours":
        return args.ours.split() + [os.path.join(out, "wasi", kernel + ".wasm")]
    raise ValueError(engine)


def checksum(engine, stdout):
    """The kernel's checksum as an unsigned 64-bit integer, or None."""
    if engine == "wasm-interp":
        m = re.search(r"bench_run\(\) => i64:(-?\d+)", stdout)
        return int(m.group(1)) % (1 << 64) if m else None
    m = re.search(r"^\S+ (\d+)$", stdout.strip(), re.M)
    return int(m.group(1)) if m else None


def run_once(engine, kernel, args):
    cmd = command(engine, kernel, args)
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout)
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    if p.returncode != 0:
        return None, f"exit {p.returncode}: {p.stderr.strip()[:200]}"
    return (cpu, wall), checksum(engine, p.stdout)


def available(engine, args):
    if engine == "node":
        return shutil.which("node") is not None
    if engine == "wasm-interp":
        return shutil.which("wasm-interp") is not None
    if engine == "ours":
        return bool(args.ours)
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--kernels", required=True)
    ap.add_argument("--engines", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--slow-runs", type=int, default=1)
    ap.add_argument("--node-runner", required=True)
    ap.add_argument("--ours", default="")
    ap.add_argument("--timeout", type=float, default=600)
    args = ap.parse_args()

    kernels = args.kernels.split()
    engines = [e for e in args.engines.split() if available(e, args)]
    for e in args.engines.split():
        if e not in engines:
            print(f"note: engine '{e}' not available, skipped", file=sys.stderr)
    if "native" not in engines:
        engines.insert(0, "native")

    times = {(k, e): [] for k in kernels for e in engines}
    walls = {(k, e): [] for k in kernels for e in engines}
    errors = {}
    expected = {}
    for rnd in range(args.runs):
        for k in kernels:
            for e in engines:
                if (k, e) in errors:
                    continue
                if e == "wasm-interp" and rnd >= args.slow_runs:
                    continue
                dt, cs = run_once(e, k, args)
                if dt is None:
                    errors[(k, e)] = cs
                    continue
                if e == "native" and k not in expected:
                    expected[k] = cs
                if cs is None or cs != expected.get(k):
                    errors[(k, e)] = f"checksum {cs} != native {expected.get(k)}"
                    continue
                times[(k, e)].append(dt[0])
                walls[(k, e)].append(dt[1])
                print(f"round {rnd + 1}/{args.runs} {k:<11} {e:<12} cpu {dt[0]:8.3f} s  wall {dt[1]:8.3f} s",
                      file=sys.stderr)

    tables = [render("CPU time (user+sys), median", times, kernels, engines, errors),
              render("wall time, median", walls, kernels, engines, errors)]
    text = "\n\n".join(tables)
    print(text)
    with open(os.path.join(args.out, "results.md"), "w") as f:
        f.write(text + "\n")
    return 1 if errors else 0


def render(title, times, kernels, engines, errors):
    med = {key: statistics.median(v) for key, v in times.items() if v and key not in errors}
    header = "| kernel | " + " | ".join(
        ("native (s)" if e == "native" else f"{e} (s, ×native)") for e in engines) + " |"
    lines = [header, "|" + "---|" * (len(engines) + 1)]
    ratios = {e: [] for e in engines}
    for k in kernels:
        cells = []
        for e in engines:
            if (k, e) in errors:
                cells.append("FAIL: " + errors[(k, e)])
            elif (k, e) not in med:
                cells.append("—")
            elif e == "native":
                cells.append(f"{med[(k, e)]:.3f}")
            else:
                r = med[(k, e)] / med[(k, "native")]
                ratios[e].append(r)
                cells.append(f"{med[(k, e)]:.3f} ({r:.2f}×)")
        lines.append(f"| {k} | " + " | ".join(cells) + " |")
    geo = []
    for e in engines:
        if e == "native":
            geo.append("1")
        elif ratios[e]:
            g = math.exp(sum(math.log(r) for r in ratios[e]) / len(ratios[e]))
            n = f" ({len(ratios[e])}/{len(kernels)} kernels)" if len(ratios[e]) < len(kernels) else ""
            geo.append(f"**{g:.2f}×**{n}")
        else:
            geo.append("—")
    lines.append("| **geomean** | " + " | ".join(geo) + " |")
    return f"{title}:\n\n" + "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
