#!/usr/bin/env python3
"""Sandbox start-up: `tinycontainer run -- /bin/true` vs bubblewrap with equivalent mounts.

Both commands are alternated in one loop (so machine noise hits both alike), N runs each,
timed around subprocess.run with perf_counter. Prints medians, p10/p90 and the ratio
ours/bwrap; then `python3 -c pass` inside tinycontainer vs bare on the host.
Usage: startup_bench.py TINYCONTAINER_BINARY [N] [SETTLE_MS] [--fixed-order]
(--fixed-order: the same order every round, as before 2026-11-22 16:50 UTC)
"""
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def bwrap_cmd(workspace, argv):
    cmd = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session"]
    for d in ("/usr", "/bin", "/lib", "/lib64", "/lib32", "/libx32", "/sbin"):
        if os.path.islink(d):
            cmd += ["--symlink", os.readlink(d), d]
        elif os.path.isdir(d):
            cmd += ["--ro-bind", d, d]
    cmd += ["--ro-bind", "/etc/ld.so.cache", "/etc/ld.so.cache",
            "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
            "--bind", workspace, "/workspace", "--chdir", "/workspace",
            "--hostname", "tinycontainer", "--clearenv", "--setenv", "PATH", "/usr/bin:/bin",
            "--"] + argv
    return cmd


def timed(cmd):
    """(wall seconds, CPU seconds of the command and every descendant it reaped)."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        raise SystemExit(f"command failed ({p.returncode}): {' '.join(cmd)}")
    return elapsed, ru.ru_utime + ru.ru_stime


def alternate(commands, n, settle=0.0, shuffle=True):
    """settle: seconds to pause before each command, so kernel work a previous command left
    behind (bwrap returns before its sandbox is torn down) does not land in the next
    command's time; 0 (the default) runs them back to back.
    shuffle: each round runs the commands in a new random order (fixed seed), so the work a
    command leaves to the kernel (bwrap's namespace teardown, everyone's network-namespace
    cleanup) lands on every command alike instead of always on the one after it."""
    wall = {name: [] for name in commands}
    cpu = {name: [] for name in commands}
    for name, cmd in commands.items():  # warm-up: page cache, dentries
        for _ in range(5):
            timed(cmd)
    rng = random.Random(20261122)
    names = list(commands)
    for _ in range(n):
        order = names[:]
        if shuffle:
            rng.shuffle(order)
        for name in order:
            cmd = commands[name]
            if settle:
                time.sleep(settle)
            w, c = timed(cmd)
            wall[name].append(w)
            cpu[name].append(c)
    return wall, cpu


def describe(name, xs, cpu):
    xs = sorted(xs)
    q = statistics.quantiles(xs, n=10)
    return (f"  {name:<34} median {statistics.median(xs) * 1e3:7.2f} ms"
            f"   p10 {q[0] * 1e3:7.2f}   p90 {q[-1] * 1e3:7.2f}"
            f"   reaped-cpu median {statistics.median(cpu) * 1e3:5.2f} ms   (n={len(xs)})")


def main():
    tc = os.path.abspath(sys.argv[1])
    fixed = "--fixed-order" in sys.argv
    args = [a for a in sys.argv if a != "--fixed-order"]
    n = int(args[2]) if len(args) > 2 else 200
    settle = float(args[3]) / 1e3 if len(args) > 3 else 0.0  # SETTLE_MS
    if shutil.which("bwrap") is None:
        raise SystemExit("bwrap not installed (Debian package bubblewrap)")
    python = "/usr/bin/python3"
    with tempfile.TemporaryDirectory() as ws:
        os.chmod(ws, 0o777)
        # Default options now include a per-run cgroup (512 MiB, 256 pids); bwrap creates
        # none, so the cgroup-less variant is the like-for-like comparison.
        true_cmds = {
            "tinycontainer run -- /bin/true": [tc, "run", "-q", "--", "/bin/true"],
            "tinycontainer run --memory max --pids max -- /bin/true":
                [tc, "run", "-q", "--memory", "max", "--pids", "max", "--", "/bin/true"],
            "bwrap --unshare-all ... /bin/true": bwrap_cmd(ws, ["/bin/true"]),
        }
        s, cpu = alternate(true_cmds, n, settle, not fixed)
        pause = f", {settle * 1e3:g} ms pause before each" if settle else ""
        order = ", fixed order" if fixed else ", order shuffled each round"
        print(f"Sandbox start-up, {n} alternated runs each{pause}{order} "
              f"({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})")
        for name, xs in s.items():
            print(describe(name, xs, cpu[name]))
        names = list(s)
        theirs = s[names[-1]]
        for name in names[:-1]:
            ratio_med = statistics.median(s[name]) / statistics.median(theirs)
            ratio_p10 = statistics.quantiles(s[name], n=10)[0] / statistics.quantiles(theirs, n=10)[0]
            print(f"  ratio [{name}] / bwrap: median {ratio_med:.3f}, p10 {ratio_p10:.3f}")
        # CPU figures come from wait4's rusage: they include only the descendants the
        # command reaped itself. tinycontainer reaps its whole sandbox before exiting;
        # bwrap's outer process exits before its sandbox is reaped, so its CPU is partial.

        py_cmds = {
            "python3 -c pass in tinycontainer": [tc, "run", "-q", "--", python, "-c", "pass"],
            "python3 -c pass on the host": [python, "-c", "pass"],
        }
        s, cpu = alternate(py_cmds, n, settle, not fixed)
        for name, xs in s.items():
            print(describe(name, xs, cpu[name]))
        inside, bare = (statistics.median(v) for v in s.values())
        print(f"  sandbox overhead for python3 (medians): {(inside - bare) * 1e3:.2f} ms")


if __name__ == "__main__":
    main()
