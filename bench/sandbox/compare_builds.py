#!/usr/bin/python3
"""Two tinycontainer builds and bwrap, alternated in one loop (docs/BENCHMARKS.md
"## Sandbox start-up"): defaults and like-for-like (--memory max --pids max) for each build,
so a start-up change is judged against its predecessor under the same machine noise.
Usage: compare_builds.py OLD_BINARY NEW_BINARY [N]   (as root)
"""
import os
import statistics
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import startup_bench as sb  # noqa: E402


def main():
    old, new = (os.path.abspath(p) for p in sys.argv[1:3])
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 150
    with tempfile.TemporaryDirectory() as ws:
        os.chmod(ws, 0o777)
        cmds = {}
        for tag, binary in (("old", old), ("new", new)):
            cmds[f"{tag} defaults"] = [binary, "run", "-q", "--", "/bin/true"]
            cmds[f"{tag} like-for-like"] = [binary, "run", "-q", "--memory", "max", "--pids",
                                            "max", "--", "/bin/true"]
        cmds["bwrap"] = sb.bwrap_cmd(ws, ["/bin/true"])
        wall, cpu = sb.alternate(cmds, n)
    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    print(f"{n} alternated runs each, load average {load}")
    bw_med = statistics.median(wall["bwrap"])
    bw_p10 = statistics.quantiles(wall["bwrap"], n=10)[0]
    for name, xs in wall.items():
        med, p10 = statistics.median(xs), statistics.quantiles(xs, n=10)[0]
        print(f"  {name:22s} median {med * 1e3:6.2f} ms  p10 {p10 * 1e3:6.2f} ms  "
              f"reaped-cpu {statistics.median(cpu[name]) * 1e3:5.2f} ms  "
              f"ratio/bwrap median {med / bw_med:.3f} p10 {p10 / bw_p10:.3f}")


if __name__ == "__main__":
    main()
