#!/usr/bin/python3
"""How much a sandbox being built slows a python3 start running next to it.

    sudo bench/executor/build_contention.py BUILD_DIR [N]

Alternates, N times: a bare `python3 -c 'print(1)'` alone; the same while a pre-built
sandbox (`tinycontainer run --command-fd`) builds next to it, once at normal priority and
once under SCHED_IDLE (`--idle-until-command`, the warm pool's setting). Each sandbox is
cancelled once it is built. Prints the medians.
"""
import os
import socket
import statistics
import subprocess
import sys
import time

build = sys.argv[1] if len(sys.argv) > 1 else "build"
n = int(sys.argv[2]) if len(sys.argv) > 2 else 60
tc = os.path.join(build, "tinycontainer")
devnull = os.open(os.devnull, os.O_WRONLY)


def python_start():
    t0 = time.perf_counter()
    pid = os.posix_spawn("/usr/bin/python3", ["python3", "-c", "print(1)"], os.environ,
                         file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1)])
    os.waitpid(pid, 0)
    return (time.perf_counter() - t0) * 1000


def start_build(idle):
    ours, theirs = socket.socketpair()
    args = [tc, "run", "--json", "-q", "--command-fd", str(theirs.fileno()),
            "--memory", "256MiB", "--pids", "64", "--cpu-time", "5s"]
    if idle:
        args.append("--idle-until-command")
    p = subprocess.Popen(args, pass_fds=[theirs.fileno()], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL,
                         preexec_fn=(lambda: os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))) if idle else None)
    theirs.close()
    return ours, p


def with_build(idle):
    sock, p = start_build(idle)
    ms = python_start()
    sock.recv(16)  # built
    sock.close()   # cancel
    p.wait()
    return ms


alone, normal, idle = [], [], []
for _ in range(n):
    time.sleep(0.03)
    alone.append(python_start())
    time.sleep(0.03)
    normal.append(with_build(False))
    time.sleep(0.03)
    idle.append(with_build(True))
m = statistics.median
print(f"python3 start alone: {m(alone):.2f} ms; next to a build at normal priority: "
      f"{m(normal):.2f} ms; next to a build at SCHED_IDLE: {m(idle):.2f} ms (medians of {n}; "
      f"load {os.getloadavg()[0]:.2f})")
