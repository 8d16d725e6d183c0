# Guest script (runs as /cgroup_bench.sh in the VM): the cgroup per-run cost benchmark
# on cgroup v2 (bench/cgroup/run.sh).
cd /tmp
/bin/bench_cgroup --benchmark_min_time=0.2 --benchmark_color=false
