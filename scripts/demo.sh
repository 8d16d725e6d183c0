#!/usr/bin/env bash
# The default job of `make run`: tinycontainer at work on this machine, one scene each.
# usage: scripts/demo.sh [BUILD_DIR]     (needs root for the Linux sandbox scenes)
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
TC="$BUILD/tinycontainer"
scene() { printf '\n\033[1m== %s\033[0m\n$ %s\n' "$1" "${*:2}"; "${@:2}"; echo "(exit status $?)"; }

"$TC" version
scene "A fresh, isolated Linux sandbox: pid 2 under our init, unprivileged user, own hostname, only lo, new root" \
  "$TC" run -- sh -c 'echo "pid $$ / $(id) / host $(hostname)"; ls /sys/class/net 2>/dev/null || cat /proc/net/dev | cut -d: -f1 | tail -n +3; ls /'
scene "Python in the sandbox, outcome as JSON (status, exit code, usage, captured output)" \
  "$TC" run --json -q -- python3 -c 'import sys; print("hello from", sys.version.split()[0])'
scene "A memory bomb meets its cgroup (--memory 64MiB): memory_limit, not just 'signal 9'" \
  "$TC" run --memory 64MiB -- python3 -c 'x = bytearray(1 << 30)'
scene "A busy loop meets the wall clock" \
  "$TC" run --wall-time 300ms -- sh -c 'while :; do :; done'
scene "A dangerous syscall (unshare) is a security_violation naming the syscall" \
  "$TC" run -- unshare -U true
mod="$BUILD/demo/hello.wasm"
if command -v clang >/dev/null && [ -e /usr/include/wasm32-wasi/stdio.h ]; then
  mkdir -p "$BUILD/demo"
  printf '#include <stdio.h>\nint main(int c, char** v) { printf("hello from WebAssembly, %%d args\\n", c - 1); return 0; }\n' > "$BUILD/demo/hello.c"
  clang --target=wasm32-wasi --sysroot=/usr -O2 -o "$mod" "$BUILD/demo/hello.c"
  scene "The same CLI runs a wasm32-wasi module in our own interpreter (auto-detected)" \
    "$TC" run "$mod" -- a b
  scene "Fuel (instruction budget) preempts a module: time_limit 'fuel'" \
    "$TC" run --fuel 1000 "$mod"
fi
# Code execution (docs/EXECUTOR.md): compile + run, each step in its own sandbox.
demo_src=$(mktemp -d /tmp/tc-demo-exec-XXXXXX)
printf '#include <stdio.h>\nint main(void) { int a, b; if (scanf("%%d %%d", &a, &b) != 2) return 1; printf("%%d\\n", a + b); return 0; }\n' > "$demo_src/sum.c"
echo "2 40" > "$demo_src/case1.txt"; echo "-1 1" > "$demo_src/case2.txt"
scene "Code execution: C compiled in one sandbox, run once per test case in fresh ones" \
  "$TC" exec -l c "$demo_src/sum.c" --stdin "$demo_src/case1.txt" --stdin "$demo_src/case2.txt"
printf 'print(undefined_name)\n' > "$demo_src/bad.py"
scene "A Python runtime error is reported as runtime_error with its stderr" \
  "$TC" exec -l python3 "$demo_src/bad.py"
rm -rf "$demo_src"

# The code-execution service (docs/API.md) with its warm pool (docs/EXECUTOR.md).
serve_demo() {
  local dir port pid line
  dir=$(mktemp -d /tmp/tc-demo-serve-XXXXXX)
  mkfifo "$dir/out"
  "$TC" serve --listen 127.0.0.1:0 --db "$dir/results.db" --workers 2 >"$dir/out" 2>"$dir/log" &
  pid=$!
  read -r line <"$dir/out"
  port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\).*|\1|p' <<<"$line")
  echo "$line"
  /usr/bin/python3 - "$port" <<'PY'
import http.client, json, sys, time
c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]))
def metric(name):
    c.request("GET", "/metrics"); body = c.getresponse().read().decode()
    return next((l.split()[-1] for l in body.splitlines() if l.startswith(name + " ")), "?")
for _ in range(500):  # the pre-built sandboxes build in the background at SCHED_IDLE
    if metric("tc_warm_pool_ready") == metric("tc_warm_pool_idle") != "0": break
    time.sleep(0.01)
body = json.dumps({"language": "python", "files": [{"content": "import os\nprint('hello from pid', os.getpid())"}]})
for i in range(5):
    t0 = time.perf_counter()
    c.request("POST", "/v1/executions", body, {"Content-Type": "application/json"})
    r = json.loads(c.getresponse().read())
    print(f"POST /v1/executions python: {r['status']}, {r['runs'][0]['stdout']['data'].strip()!r}, "
          f"{(time.perf_counter() - t0) * 1000:.1f} ms")
    time.sleep(0.05)
print("warm pool:", metric('tc_warm_pool_steps_total{result="hit"}'), "steps in pre-built sandboxes,",
      metric('tc_warm_pool_steps_total{result="miss"}'), "cold")
PY
  kill -TERM "$pid"; wait "$pid"
  rm -rf "$dir"
}
scene "The code-execution service: Python over HTTP, each request in its own pre-built sandbox" serve_demo
scene "Container metadata for the multi-tenant host: strict validation" \
  "$TC" metadata check examples/metadata/sensor_sampler.json

# The multi-tenant container host (docs/HOST-CONTROL.md): a daemon, four example containers
# written in C (examples/src, wasm32-wasi) running side by side, managed with `ctl` and CoAP.
if [ -e "$BUILD/examples/consumer.wasm" ]; then
  hostdir=$(mktemp -d /tmp/tc-demo-host-XXXXXX)
  sock="$hostdir/host.sock"
  "$TC" host --socket "$sock" --state-dir "$hostdir/state" --coap 127.0.0.1:56833 \
    --log-level error > "$hostdir/daemon.log" 2>&1 &
  hostpid=$!
  for _ in $(seq 100); do [ -S "$sock" ] && break; sleep 0.05; done
  ctl() { "$TC" ctl --socket "$sock" "$@"; }
  load_examples() {  # metadata JSON + C compiled to wasm32-wasi, started at once
    for c in sensor_sampler unauthorized consumer producer; do
      ctl load "examples/metadata/$c.json" "$BUILD/examples/$c.wasm" --start || return 1
    done
  }
  last_logs() { ctl logs "$1" | tail -n "$2"; }
  scene "The container host: load the four example containers and start them" load_examples
  sleep 2.2
  scene "Side by side for 2 s, each at its own period; 'curious' ended after its 10-loop lifetime, every denial counted" \
    ctl list
  scene "The sampler stores each reading in its kv namespace (persisted under --state-dir)" \
    last_logs sensor-sampler 3
  scene "The unauthorized container opens the kv endpoint it was not granted: denied (-1), logged, it goes on" \
    last_logs curious 2
  scene "Producer → consumer over a bounded mailbox: every message, in order" last_logs consumer 3
  if [ -e "$BUILD/examples/ml-digits/ml_digits.wasm" ]; then
    ml_demo() {  # a one-shot C container holding an ONNX model + 450 test images
      ctl load examples/ml-digits/ml-digits.json "$BUILD/examples/ml-digits/ml_digits.wasm" --start &&
        ctl wait ml-digits --timeout 60s >/dev/null; ctl logs ml-digits | tail -n 6
    }
    scene "TinyML: the container keeps its model and images, inference runs natively behind the ml endpoint" ml_demo
  fi
  if command -v coap-client-notls >/dev/null; then
    scene "Remote management over CoAP with libcoap's own client: GET /container/curious" \
      coap-client-notls -B 3 -A 50 -m get coap://127.0.0.1:56833/container/curious
  fi
  scene "Stop the sampler: its stop export runs" ctl stop sensor-sampler
  last_logs sensor-sampler 1
  kill -TERM "$hostpid" && wait "$hostpid"
  scene "SIGTERM ends the daemon: containers stopped, control socket removed" \
    sh -c "tail -n 1 '$hostdir/daemon.log'; test -e '$sock' && echo 'socket still present' || echo 'socket removed'"
  rm -rf "$hostdir"
fi
