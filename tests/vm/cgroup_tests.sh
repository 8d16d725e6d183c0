# Guest script (runs as /cgroup_tests.sh in the VM): the cgroup integration tests on
# cgroup v2 (the same binary CI runs on the hybrid-v1 host), then, when the CLI is in
# the image, the `tinycontainer run` checks (cli_tests.sh).
cd /tmp
/bin/cgroup_integration_tests --gtest_color=no
status=$?
if [ -x /bin/tinycontainer ]; then
  . /cli_tests.sh
  cli=$?
  [ "$cli" -eq 0 ] || status=1
fi
exit "$status"
