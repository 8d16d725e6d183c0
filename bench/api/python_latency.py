#!/usr/bin/python3
"""Python hello-world latency through the HTTP API vs a bare python3 start, alternated.

    bench/api/python_latency.py URL [N] [PAUSE_MS]

One POST /v1/executions (print('hello'), synchronous, keep-alive connection), then one bare
`/usr/bin/python3 main.py` of the same file (fork+exec+wait from this process), in turn,
N times each after 5 warm-up pairs, so both see the same machine state. Prints medians,
p10/p90 and the ratio of medians (the issue's target: <= 1.3).
"""
import http.client
import json
import os
import statistics
import sys
import tempfile
import time
import urllib.parse

url = urllib.parse.urlparse(sys.argv[1])
n = int(sys.argv[2]) if len(sys.argv) > 2 else 200
pause = (int(sys.argv[3]) if len(sys.argv) > 3 else 0) / 1000.0
code = "print('hello')\n"
body = json.dumps({"language": "python", "files": [{"name": "main.py", "content": code}]})
conn = http.client.HTTPConnection(url.hostname, url.port)
src = tempfile.NamedTemporaryFile("w", suffix=".py", delete=False)
src.write(code)
src.close()


def api():
    t0 = time.perf_counter()
    conn.request("POST", "/v1/executions", body, {"Content-Type": "application/json"})
    res = conn.getresponse()
    data = res.read()
    dt = (time.perf_counter() - t0) * 1000
    out = json.loads(data)
    if res.status != 200 or out.get("status") != "ok" or out["runs"][0]["stdout"]["data"] != "hello\n":
        raise SystemExit(f"bad response {res.status}: {data[:300]!r}")
    return dt


devnull = os.open(os.devnull, os.O_WRONLY)


def bare():  # posix_spawn (vfork+exec) + wait: the cheapest way to start it from here
    t0 = time.perf_counter()
    pid = os.posix_spawn("/usr/bin/python3", ["python3", src.name], os.environ,
                         file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1)])
    _, status = os.waitpid(pid, 0)
    dt = (time.perf_counter() - t0) * 1000
    if status != 0:
        raise SystemExit("bare python3 failed")
    return dt


def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(p * len(v)))]


try:
    for _ in range(5):
        api()
        bare()
    a, b = [], []
    for _ in range(n):
        time.sleep(pause)
        a.append(api())
        time.sleep(pause)
        b.append(bare())
finally:
    os.unlink(src.name)
ma, mb = statistics.median(a), statistics.median(b)
print(f"api  python hello: median {ma:.2f} ms  p10 {pct(a, .1):.2f}  p90 {pct(a, .9):.2f}  (n={n})")
print(f"bare python3 main.py: median {mb:.2f} ms  p10 {pct(b, .1):.2f}  p90 {pct(b, .9):.2f}")
print(f"ratio api/bare: median {ma / mb:.3f}  p10 {pct(a, .1) / pct(b, .1):.3f}")
