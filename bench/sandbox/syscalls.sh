#!/usr/bin/env bash
# Load-independent start-up evidence (docs/BENCHMARKS.md "## Sandbox start-up"): the
# syscalls of one `tinycontainer run -- /bin/true` (like-for-like and default options) and of
# the equivalent bwrap command, counted with strace -f, in total and per kind; plus the
# CPU time (perf stat task-clock) and page faults over N runs of each.
# Usage: bench/sandbox/syscalls.sh [BUILD_DIR] [N]    (run as root; needs strace, perf)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-build}"
n="${2:-100}"
tc="$(cd "$build" && pwd)/tinycontainer"
[ -x "$tc" ] || { echo "no $tc: build first" >&2; exit 1; }
ws="$(mktemp -d)"
out="$(mktemp -d)"
trap 'rm -rf "$ws" "$out"' EXIT
chmod 0777 "$ws"
mapfile -t bw < <(/usr/bin/python3 -c "
import sys; sys.path.insert(0, '$here'); import startup_bench as b
print('\n'.join(b.bwrap_cmd('$ws', ['/bin/true'])))")
declare -A cmds=(
  [tc_like_for_like]="$tc run -q --memory max --pids max -- /bin/true"
  [tc_defaults]="$tc run -q -- /bin/true"
)
count() {  # name, command...
  local name="$1"; shift
  strace -f -qq -o "$out/$name" "$@" >/dev/null 2>&1
  local total mounts
  total=$(grep -cvE '^[0-9]+ +(\+\+\+|---)|resumed>' "$out/$name")
  mounts=$(grep -cE '^[0-9]+ +(mount|open_tree|move_mount|mount_setattr|umount2|pivot_root|fsopen|fsmount)\(' "$out/$name" || true)
  local cpu
  cpu=$(perf stat -x, -r "$n" -e task-clock,page-faults "$@" 2>&1 >/dev/null |
        awk -F, '/task-clock/{t=$1} /page-faults/{f=$1} END{printf "task-clock %.2f ms, %d page faults", t, f}')
  printf '  %-18s %4d syscalls (%2d mount-related), %s (perf stat -r %d)\n' "$name" "$total" "$mounts" "$cpu" "$n"
}
echo "Sandbox start-up syscalls and CPU ($(date -u '+%Y-%m-%d %H:%M UTC'), load: $(cut -d' ' -f1-3 /proc/loadavg))"
for name in tc_like_for_like tc_defaults; do
  # shellcheck disable=SC2086
  count "$name" ${cmds[$name]}
done
count bwrap "${bw[@]}"
echo "  most frequent syscalls (tc_like_for_like | bwrap):"
paste <(awk '{sub(/\(.*/, "", $2); print $2}' "$out/tc_like_for_like" | grep -vE '^(\+\+\+|---|<\.\.\.)' | sort | uniq -c | sort -rn | head -12) \
      <(awk '{sub(/\(.*/, "", $2); print $2}' "$out/bwrap" | grep -vE '^(\+\+\+|---|<\.\.\.)' | sort | uniq -c | sort -rn | head -12) | sed 's/^/    /'
