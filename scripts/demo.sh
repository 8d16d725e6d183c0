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
scene "Container metadata for the multi-tenant host: strict validation" \
  "$TC" metadata check examples/metadata/sensor_sampler.json
