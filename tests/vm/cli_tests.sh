# Guest script (sourced by /cgroup_tests.sh in the VM when /bin/tinycontainer is there):
# `tinycontainer run` on cgroup v2 — memory bomb, fork bomb, --cpu-time, --cpus 0.5 and
# peak memory — through the real CLI with the host-like guest tree as the default rootfs.
# Prints "TC-CLI-OK <name>" or "TC-CLI-FAIL <name>: <why>" per check; returns the number
# of failures.
tc=/bin/tinycontainer
fails=0
field() {  # field JSON KEY → the value of the first "KEY": (numbers and strings)
  echo "$1" | sed -n "s/.*\"$2\":\"\{0,1\}\([^,\"}]*\).*/\1/p" | head -n1
}
ok() { echo "TC-CLI-OK $1"; }
bad() { echo "TC-CLI-FAIL $1: $2"; fails=$((fails + 1)); }
run() { $tc run --json -q "$@" 2>/tmp/tc-cli-err; }
cpu_of() {  # (user + sys) / wall
  awk -v u="$(field "$1" user_seconds)" -v s="$(field "$1" sys_seconds)" \
      -v w="$(field "$1" wall_seconds)" 'BEGIN { printf "%.3f", (u + s) / w }'
}
between() { awk -v v="$1" -v lo="$2" -v hi="$3" 'BEGIN { exit !(v >= lo && v <= hi) }'; }

out=$(run --memory 64MiB --wall-time 30s -- /bin/vm_workload membomb)
echo "cli membomb: $out"
if [ "$(field "$out" status)" = memory_limit ] && [ "$(field "$out" reason)" = oom ]; then
  ok membomb
else bad membomb "$out $(cat /tmp/tc-cli-err)"; fi

out=$(run --pids 32 --wall-time 2s -- /bin/vm_workload forkbomb)
echo "cli forkbomb: $out"
peak=$(field "$out" peak_pids)
if [ "$(field "$out" status)" = time_limit ] && [ -n "$peak" ] && [ "$peak" -le 32 ] &&
   [ "$peak" -gt 4 ]; then ok forkbomb; else bad forkbomb "$out"; fi

out=$(run --cpu-time 300ms --wall-time 60s -- /bin/vm_workload spin 1)
echo "cli cputime: $out"
used=$(awk -v u="$(field "$out" user_seconds)" -v s="$(field "$out" sys_seconds)" \
        'BEGIN { print u + s }')
if [ "$(field "$out" status)" = time_limit ] && [ "$(field "$out" reason)" = cpu ] &&
   between "$used" 0.3 1.5; then ok cputime; else bad cputime "$out"; fi

ref=$(run --wall-time 1s -- /bin/vm_workload spin 2)
out=$(run --cpus 0.5 --wall-time 1s -- /bin/vm_workload spin 2)
echo "cli cpus: $out"
used=$(cpu_of "$out")
reference=$(cpu_of "$ref")
echo "cli cpus 0.5: used $used CPU (unthrottled reference $reference)"
if ! between "$used" 0 0.75; then bad cpus "used $used > 0.75"
elif between "$reference" 0.8 100 && ! between "$used" 0.25 0.75; then bad cpus "used $used"
else ok cpus; fi

out=$(run --memory 512MiB -- /bin/vm_workload alloc 200)
echo "cli peak: $out"
peak=$(field "$out" peak_memory_bytes)
if [ "$(field "$out" status)" = ok ] && between "$peak" 209715200 230686720; then
  ok peak
else bad peak "$out"; fi

leftover=$(find /sys/fs/cgroup -name 'tc-*' -type d 2>/dev/null; ls /run/tinycontainer 2>/dev/null | grep '^tc-')
if [ -z "$leftover" ]; then ok cleanup; else bad cleanup "$leftover"; fi
return "$fails"
