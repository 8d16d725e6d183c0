#!/usr/bin/env python3
"""Per-run cost of the run cgroup (create, attach / CLONE_INTO_CGROUP, remove) seen from
the CLI: `tinycontainer run -- /bin/true` without any limit (no cgroup is created), with
`--memory 256MiB` only, and with the defaults (512MiB + 256 pids). The commands are
alternated in one loop, in a fresh random order each round (machine noise and any cost a
run leaves to the next, e.g. asynchronous cgroup teardown, hit all alike), N runs each
after 5 warm-ups;
prints median, p10, p90 wall time, median reaped CPU, and the ratio to the no-cgroup run.
Usage: cgroup_cost.py TINYCONTAINER_BINARY [N]
"""
import os
import random
import statistics
import sys
import time


def timed(cmd):
    start = time.perf_counter()
    pid = os.spawnv(os.P_NOWAIT, cmd[0], cmd)
    _, status, ru = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"command failed: {' '.join(cmd)}")
    return elapsed, ru.ru_utime + ru.ru_stime


def main():
    tc = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    base = [tc, "run", "-q"]
    commands = {
        "no cgroup (--memory max --pids max)": base + ["--memory", "max", "--pids", "max", "--",
                                                       "/bin/true"],
        "--memory 256MiB (--pids max)": base + ["--memory", "256MiB", "--pids", "max", "--",
                                                "/bin/true"],
        "defaults (512MiB, 256 pids)": base + ["--", "/bin/true"],
    }
    wall = {k: [] for k in commands}
    cpu = {k: [] for k in commands}
    for cmd in commands.values():
        for _ in range(5):
            timed(cmd)
    for _ in range(n):
        for k, cmd in random.sample(list(commands.items()), len(commands)):
            w, c = timed(cmd)
            wall[k].append(w)
            cpu[k].append(c)
    ref = statistics.median(wall[next(iter(commands))])
    print(f"N={n} each, alternated; load average {os.getloadavg()[0]:.1f}")
    print("| command | median | p10 | p90 | median CPU | ratio |")
    print("|---|---|---|---|---|---|")
    for k in commands:
        xs = sorted(wall[k])
        med = statistics.median(xs)
        print(f"| {k} | {med * 1e3:.2f} ms | {xs[len(xs) // 10] * 1e3:.2f} ms | "
              f"{xs[(len(xs) * 9) // 10] * 1e3:.2f} ms | "
              f"{statistics.median(cpu[k]) * 1e3:.2f} ms | {med / ref:.2f} |")


if __name__ == "__main__":
    main()
