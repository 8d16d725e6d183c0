#!/usr/bin/env bash
# Boots Debian's cloud kernel under QEMU software emulation (TCG: this host's /dev/kvm
# makes guests hang) with cgroup v1 disabled (cgroup_no_v1=all), runs a script in the
# guest and copies the serial console to LOG. Exits 0 when the guest printed
# "TC-VM-EXIT 0", 1 otherwise (test failure, crash or timeout).
# Usage: run_vm.sh CACHE_DIR LOG SCRIPT [--bin FILE]...
#   SCRIPT runs in the guest as /<basename>; the binaries land in /bin.
set -euo pipefail
cache=${1:?usage: run_vm.sh CACHE_DIR LOG SCRIPT [--bin FILE]...}
log=${2:?}
script=${3:?}
shift 3
here=$(cd "$(dirname "$0")" && pwd)
timeout_s=${TC_VM_TIMEOUT:-540}

kernel=$("$here/fetch_kernel.sh" "$cache")
initrd="$cache/$(basename "$script" .sh).cpio.gz"
"$here/build_initramfs.sh" "$initrd" --script "$script" "$@"

rc=0
timeout --kill-after=10 "$timeout_s" qemu-system-x86_64 \
  -accel tcg -cpu max -smp 2 -m 1024 -nographic -no-reboot -nodefaults -serial stdio \
  -kernel "$kernel" -initrd "$initrd" \
  -append "console=ttyS0 cgroup_no_v1=all panic=-1 quiet tc.run=$(basename "$script")" \
  </dev/null >"$log" 2>&1 || rc=$?
tr -d '\r' <"$log" >"$log.txt" && mv "$log.txt" "$log"
if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
  echo "run_vm: the VM did not finish within ${timeout_s}s (log: $log)" >&2
  exit 1
fi
grep -q '^TC-VM-EXIT 0$' "$log"
