# Guest script (runs as /cgroup_tests.sh in the VM): the cgroup integration tests on
# cgroup v2 (the same binary CI runs on the hybrid-v1 host).
cd /tmp
/bin/cgroup_integration_tests --gtest_color=no
