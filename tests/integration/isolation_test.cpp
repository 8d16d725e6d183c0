// Integration: each isolation property of `tinycontainer run`, checked from inside.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "cli_runner.hpp"

namespace {

using tc::test::run_sh;

class Isolation : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0)
      GTEST_SKIP() << "needs root: the default sandbox user 1000 needs a full id map";
    std::ifstream f("/proc/sys/user/max_user_namespaces");
    long n = 0;
    if (!(f >> n) || n == 0) GTEST_SKIP() << "kernel without user namespaces";
  }
  // Runs the script, expects status ok, returns its stdout.
  static std::string ok_output(const std::string& script, std::vector<std::string> opts = {}) {
    auto r = run_sh(script, std::move(opts));
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    auto j = r.json();
    EXPECT_EQ(j["status"], "ok") << j.dump();
    return j["stdout"]["data"];
  }
};

TEST_F(Isolation, WorkloadIsPid2AndSeesOnlyTheSandbox) {
  EXPECT_EQ(ok_output("echo $$; for p in /proc/[0-9]*; do echo ${p#/proc/}; done"), "2\n1\n2\n");
}

TEST_F(Isolation, HostnameDefaultAndCustom) {
  EXPECT_EQ(ok_output("cat /proc/sys/kernel/hostname"), "tinycontainer\n");
  EXPECT_EQ(ok_output("hostname", {"--hostname", "judge-7"}), "judge-7\n");
}

TEST_F(Isolation, OnlyLoopbackAndItIsUp) {
  EXPECT_EQ(ok_output("grep : /proc/net/dev | cut -d: -f1 | tr -d ' '"), "lo\n");
  // IFF_UP is bit 0 of the flags.
  EXPECT_EQ(
      ok_output("python3 -c 'import socket;s=socket.socket();s.bind((\"127.0.0.1\",0));s.listen();"
                "c=socket.create_connection(s.getsockname());print(\"connected\")'"),
      "connected\n");
}

TEST_F(Isolation, SystemDirectoriesAndRootAreReadOnly) {
  auto out = ok_output(
      "for d in / /usr /usr/bin /bin /lib /etc /dev; do "
      "touch $d/tc-probe 2>/dev/null && echo writable $d; done; echo end");
  EXPECT_EQ(out, "end\n");
}

TEST_F(Isolation, WorkspaceIsWritableCwdAndTmpIsWritable) {
  EXPECT_EQ(
      ok_output(
          "pwd; echo data > f && cat f; echo t > /tmp/t && cat /tmp/t; stat -c %u /workspace"),
      "/workspace\ndata\nt\n1000\n");
}

TEST_F(Isolation, HostPathsAreAbsent) {
  std::string script = "for p in " TC_SOURCE_DIR
                       " /root /home /work /run /var /srv /opt /mnt /sys; do "
                       "test -e $p && echo present $p; done; echo end";
  EXPECT_EQ(ok_output(script), "end\n");
}

TEST_F(Isolation, ProcIsMaskedAndPartlyReadOnly) {
  auto out = ok_output(
      "for f in /proc/keys /proc/timer_list /proc/sched_debug /proc/kcore; do "
      "test -e $f || continue; test -s $f && echo leaks $f; wc -c < $f | grep -qx 0 || echo leaks "
      "$f; done; "
      "test -d /proc/acpi && ls -A /proc/acpi | grep -q . && echo leaks acpi; "
      "test -d /proc/acpi && touch /proc/acpi/x 2>/dev/null && echo wrote acpi; "
      "echo 1 2>/dev/null > /proc/sys/vm/drop_caches && echo wrote sys; "
      "echo 1 2>/dev/null > /proc/sysrq-trigger && echo wrote sysrq; echo end");
  EXPECT_EQ(out, "end\n");
}

TEST_F(Isolation, EtcIsGeneratedWithoutHostSecrets) {
  EXPECT_EQ(
      ok_output(
          "test -e /etc/shadow && echo shadow; test -e /etc/gshadow && echo gshadow; "
          "cut -d: -f1 /etc/passwd | tr '\\n' ' '; test -e /etc/resolv.conf && echo resolv; echo"),
      "root sandbox nobody \n");
}

TEST_F(Isolation, UnprivilegedUserWithoutCapabilities) {
  auto out = ok_output(
      "id -u; id -g; grep -E '^(CapInh|CapPrm|CapEff|CapBnd|CapAmb|NoNewPrivs)' /proc/self/status "
      "| tr -s '\\t' ' '");
  EXPECT_EQ(
      out,
      "1000\n1000\nCapInh: 0000000000000000\nCapPrm: 0000000000000000\nCapEff: 0000000000000000\n"
      "CapBnd: 0000000000000000\nCapAmb: 0000000000000000\nNoNewPrivs: 1\n");
  EXPECT_EQ(ok_output("id -u", {"--user", "2000:3000"}), "2000\n");
}

TEST_F(Isolation, InitAndItsHostBinaryAreUnreachable) {
  auto out = ok_output(
      "readlink /proc/1/exe && echo exe; ls /proc/1/fd >/dev/null 2>&1 && echo fd; "
      "cat /proc/1/environ >/dev/null 2>&1 && echo environ; ls /proc/1/root >/dev/null 2>&1 && "
      "echo root; "
      "ls /proc/self/fd | tr '\\n' ' '; echo");
  // Only 0, 1, 2 and the fd of ls's own directory listing are open in the workload.
  EXPECT_EQ(out, "0 1 2 3 \n");
}

TEST_F(Isolation, EnvironmentIsCleanPlusExtras) {
  EXPECT_EQ(
      ok_output("env | sort", {"--env", "FOO=bar baz", "-e", "LANG=C"}),
      "FOO=bar baz\nHOME=/workspace\nLANG=C\nPATH=/usr/local/bin:/usr/bin:/bin\nPWD=/workspace\n");
}

TEST_F(Isolation, DevHasTheMinimalNodes) {
  EXPECT_EQ(ok_output("ls /dev | tr '\\n' ' '; head -c 4 /dev/zero | wc -c; echo x > /dev/null && "
                      "echo null-ok"),
            "fd full null ptmx pts random shm stderr stdin stdout tty urandom zero 4\nnull-ok\n");
}

TEST_F(Isolation, PythonRunsUnmodified) {
  EXPECT_EQ(ok_output("python3 -c 'import os,sys; print(sys.version_info[0], os.getcwd())'"),
            "3 /workspace\n");
}

}  // namespace
