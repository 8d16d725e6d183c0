#!/usr/bin/python3
"""Python start-up inside the sandbox vs bare (docs/BENCHMARKS.md "Python start-up").

Alternates the commands in one loop (machine noise hits all alike), N runs each after 5
warm-ups, timed with perf_counter around Popen + wait4. Prints median, p10, p90, reaped CPU
and each command's ratio to the bare python3 start.
Usage: python_startup.py TINYCONTAINER_BINARY[,OTHER_BINARY...] [N] [EXTRA_RUN_OPTION...]
(several binaries, comma-separated: old vs new builds alternated in the same loop)
"""
import os
import statistics
import subprocess
import sys
import time


def timed(cmd):
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"command failed: {' '.join(cmd)}")
    return elapsed, ru.ru_utime + ru.ru_stime


def main():
    binaries = [os.path.abspath(b) for b in sys.argv[1].split(",")]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    extra = sys.argv[3:]
    py = "/usr/bin/python3"
    cmds = {"bare python3 -c pass": [py, "-c", "pass"]}
    for i, tc in enumerate(binaries):
        tag = f"[{i}] " if len(binaries) > 1 else ""
        cmds[f"{tag}tc run python3 -c pass"] = [tc, "run", "-q", *extra, "--", py, "-c", "pass"]
        cmds[f"{tag}tc run /bin/true"] = [tc, "run", "-q", *extra, "--", "/bin/true"]
    cmds["bare /bin/true"] = ["/bin/true"]
    wall = {k: [] for k in cmds}
    cpu = {k: [] for k in cmds}
    for cmd in cmds.values():
        for _ in range(5):
            timed(cmd)
    for _ in range(n):
        for k, cmd in cmds.items():
            w, c = timed(cmd)
            wall[k].append(w)
            cpu[k].append(c)
    load = os.getloadavg()[0]
    for i, tc in enumerate(binaries):
        print(f"[{i}] = {tc}")
    print(f"{n} alternated runs each, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
          f"load {load:.1f}, extra run options: {' '.join(extra) or '(none)'}")
    base = statistics.median(wall["bare python3 -c pass"])
    for k, xs in wall.items():
        q = statistics.quantiles(xs, n=10)
        med = statistics.median(xs)
        print(f"  {k:<30} median {med * 1e3:7.2f} ms  p10 {q[0] * 1e3:7.2f}  "
              f"p90 {q[-1] * 1e3:7.2f}  cpu {statistics.median(cpu[k]) * 1e3:5.2f} ms  "
              f"/bare-py {med / base:5.2f}")


if __name__ == "__main__":
    main()
