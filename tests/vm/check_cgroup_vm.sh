#!/usr/bin/env bash
# ctest entry (LABELS vm integration): boots the cgroup v2 VM, runs the cgroup
# integration tests inside and fails on any test failure, a missing v2 detection,
# or a timeout. With TINYCONTAINER and VM_WORKLOAD it also runs `tinycontainer run` in
# the guest (cli_tests.sh) and requires every CLI check to pass.
# Usage: check_cgroup_vm.sh BUILD_DIR TEST_BINARY [TINYCONTAINER VM_WORKLOAD]
set -euo pipefail
build=${1:?usage: check_cgroup_vm.sh BUILD_DIR TEST_BINARY [TINYCONTAINER VM_WORKLOAD]}
binary=${2:?}
cli=${3:-}
workload=${4:-}
here=$(cd "$(dirname "$0")" && pwd)
cache="$build/vm-cache"
log="$build/vm-cache/cgroup_tests.log"
mkdir -p "$cache"
status=0
extra=()
[ -z "$cli" ] || extra=(--bin "$cli" --bin "$workload" --script "$here/cli_tests.sh")
"$here/run_vm.sh" "$cache" "$log" "$here/cgroup_tests.sh" --bin "$binary" "${extra[@]}" ||
  status=$?
grep -E '^(TC-VM-|TC-CLI-|cli cpus 0.5|\[ +(OK|FAILED|SKIPPED|PASSED) +\]|cpus 0.5|layout )' \
  "$log" || true
fail() { echo "check_cgroup_vm: $*" >&2; echo "--- full serial log: $log" >&2; exit 1; }
[ "$status" -eq 0 ] || fail "the guest did not report success"
grep -q '^layout unified, backend v2$' "$log" || fail "the guest did not run the v2 backend"
grep -q '^\[  PASSED  \]' "$log" || fail "no gtest summary in the serial output"
if grep -q '^\[  FAILED  \]' "$log"; then fail "test failures in the guest"; fi
# The point of the VM: these must have run (not been skipped) on cgroup v2.
for t in MemoryBombIsOomKilledAndClassified PeakMemoryWithinTenPercentOfKnownAllocation \
         ForkBombIsContainedByPidsMaxAndCleanedUp BusyLoopIsStoppedByCpuTimeBudget \
         HalfACpuIsThrottledToHalf CpuWeightIsWritten CloneIntoCgroupStartsTheChildInside \
         DestroyKillsEverythingInsideAndLeavesNoDirectory \
         ReapStaleRemovesTheCgroupOfAKilledSupervisor \
         ManagerMovesItselfIntoALeafToEnableControllers \
         LongLivedManagerOptionMovesToLeafAndEnforcesMemory; do
  grep -qE "^\[       OK \] Backends/[A-Za-z]+\.$t/detected" "$log" || fail "$t did not pass in the guest"
done
if [ -n "$cli" ]; then
  for c in membomb forkbomb cputime cpus peak cleanup; do
    grep -q "^TC-CLI-OK $c\$" "$log" || fail "tinycontainer run check '$c' did not pass in the guest"
  done
fi
echo "check_cgroup_vm: cgroup v2 tests passed in the VM"
