#!/bin/bash
# Load benchmark of the code-execution service (docs/BENCHMARKS.md "Code-execution service").
#
#   sudo bench/api/run.sh [BUILD_DIR] [SECONDS_PER_POINT]
#
# Starts `tinycontainer serve` on a free loopback port, then with wrk (bench/api/post.lua):
#  1. hello-world in C (compiled once, then the executor's compile cache) and in Python at
#     concurrency 1, 8 and 32: throughput, p50/p99, failures (non-200 or status != ok);
#  2. continues until the server has run >= 5,000 executions, sampling its RSS;
#  3. compares the server's fds, child processes, mounts, cgroups and workspace entries
#     before and after — they must be unchanged — and its RSS at 1,000 and 5,000 executions;
#  4. the Python latency target: bench/api/python_latency.py alternates one API request and
#     one bare `python3 main.py` start (200 each) and reports the ratio of medians.
# The work root is on /dev/shm (tmpfs), like the server's default: on this VM's ext4 (/tmp,
# mounted with discard) each request directory's mkdir/rmdir alone costs milliseconds.
# TC_BENCH_WARM_POOL sets --warm-pool (default 2, the server's default).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
secs=${2:-10}
bin=$build/tinycontainer
[ "$(id -u)" = 0 ] || { echo "run as root (the sandboxes need it)"; exit 1; }
command -v wrk >/dev/null || { echo "wrk missing: scripts/install-deps.sh"; exit 1; }

tmp=$(mktemp -d /dev/shm/tc-api-bench-XXXXXX)
server=
cleanup() { [ -n "$server" ] && kill -TERM "$server" 2>/dev/null && wait "$server" || true; rm -rf "$tmp"; }
trap cleanup EXIT
mkdir -p "$tmp/work"
langs=()
[ -d "$root/languages" ] && langs=(--languages-dir "$root/languages")
mkfifo "$tmp/out"
"$bin" serve --listen 127.0.0.1:0 --db "$tmp/results.db" --work-root "$tmp/work" \
  --workers "${TC_BENCH_WORKERS:-2}" --queue 256 --warm-pool "${TC_BENCH_WARM_POOL:-2}" \
  "${langs[@]}" >"$tmp/out" 2>"$tmp/server.log" &
server=$!
read -r line <"$tmp/out"
port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\).*|\1|p' <<<"$line")
url=http://127.0.0.1:$port
echo "server pid $server at $url"

cat >"$tmp/c.json" <<'JSON'
{"language":"c","files":[{"name":"main.c","content":"#include <stdio.h>\nint main(void){puts(\"hello\");return 0;}\n"}]}
JSON
cat >"$tmp/python.json" <<'JSON'
{"language":"python","files":[{"name":"main.py","content":"print('hello')\n"}]}
JSON

descendants() { # all processes below $1
  local kids; kids=$(ps -o pid= --ppid "$1" | tr -d ' ')
  for k in $kids; do echo "$k"; descendants "$k"; done
}
snapshot() {
  local cg
  cg=$(awk -F: '$2 ~ /(^|,)memory(,|$)/ {print $3}' "/proc/$server/cgroup")
  echo "fds=$(ls "/proc/$server/fd" | wc -l)" \
       "threads=$(ls "/proc/$server/task" | wc -l)" \
       "children=$(descendants "$server" | wc -l)" \
       "mounts=$(wc -l </proc/self/mountinfo)" \
       "cgroups=$(find /sys/fs/cgroup/memory"$cg" /sys/fs/cgroup/pids"$cg" /sys/fs/cgroup/cpu,cpuacct"$cg" -mindepth 1 -type d 2>/dev/null | wc -l)" \
       "workdirs=$(find "$tmp/work" -mindepth 1 -maxdepth 1 ! -name compile-cache | wc -l)" \
       "rss_kib=$(awk '/^VmRSS/ {print $2}' "/proc/$server/status")"
}
executions() { curl -s "$url/metrics" | awk '/^tc_executions_total/ {n += $2} END {print n + 0}'; }

# warm-up (compiles the C program once; the run step is what the C figures measure)
for l in c python; do curl -s -X POST --data-binary @"$tmp/$l.json" "$url/v1/executions" >/dev/null; done
sleep 1
before=$(snapshot)
echo "before: $before"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min), $(nproc) CPUs"

printf '%-7s %5s %9s %8s %8s %8s %6s\n' lang conc requests runs/s p50_ms p99_ms bad
for l in c python; do
  for c in 1 8 32; do
    t=$(( c < 2 ? 1 : 2 ))
    out=$(TC_BODY=$tmp/$l.json wrk -t"$t" -c"$c" -d"${secs}s" --timeout 30s -s "$here/post.lua" "$url/v1/executions" | grep '^RESULT')
    read -r _ n s rps p50 p99 bad <<<"$out"
    printf '%-7s %5d %9d %8s %8s %8s %6d\n' "$l" "$c" "$n" "$rps" "$p50" "$p99" "$bad"
  done
done

rss_at_1000=
while :; do
  n=$(executions)
  if [ -z "$rss_at_1000" ] && [ "$n" -ge 1000 ]; then rss_at_1000=$(awk '/^VmRSS/ {print $2}' "/proc/$server/status"); fi
  [ "$n" -ge 5000 ] && break
  TC_BODY=$tmp/c.json wrk -t2 -c8 -d5s --timeout 30s -s "$here/post.lua" "$url/v1/executions" | grep '^RESULT' | sed 's/^/leak-run c8: /'
done
sleep 1
after=$(snapshot)
echo "executions: $(executions)"
echo "after:  $after"
echo "rss at >=1000 executions: ${rss_at_1000} KiB; at >=5000: $(awk '/^VmRSS/ {print $2}' "/proc/$server/status") KiB"
if [ "${before% rss_kib=*}" = "${after% rss_kib=*}" ]; then echo "leaks: none (fds, threads, children, mounts, cgroups, workdirs unchanged)"; else echo "leaks: CHANGED"; fi

curl -s "$url/metrics" | grep '^tc_warm_pool' || true
echo "python latency, API request and bare start alternated (load: $(cut -d' ' -f1-3 /proc/loadavg)):"
/usr/bin/python3 "$here/python_latency.py" "$url" 200
