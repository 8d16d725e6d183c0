# Guest script (run by hand, see docs/BENCHMARKS.md): the per-run cost of the run cgroup
# through `tinycontainer run -- /bin/true` on cgroup v2 (vm_workload clibench).
cd /tmp
/bin/vm_workload clibench "${TC_BENCH_ROUNDS:-40}" /bin/tinycontainer
