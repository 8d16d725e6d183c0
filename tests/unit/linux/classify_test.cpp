#include "linux/classify.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <csignal>

namespace {

using tc::Status;
using tc::sandbox::EndCause;
using tc::sandbox::MonitorResult;

int exited(int code) {
  return code << 8;
}
int killed(int sig) {
  return sig;
}

TEST(Classify, ExitStatusOfTheWorkload) {
  MonitorResult r;
  r.workload_status = exited(0);
  EXPECT_EQ(tc::sandbox::classify(r, 0.1).status, Status::ok);
  r.workload_status = exited(3);
  auto o = tc::sandbox::classify(r, 0.1);
  EXPECT_EQ(o.status, Status::runtime_error);
  EXPECT_EQ(o.exit_code, 3);
  EXPECT_DOUBLE_EQ(o.usage.wall_seconds, 0.1);
}

TEST(Classify, SignalsAndFileSize) {
  MonitorResult r;
  r.workload_status = killed(SIGSEGV);
  auto o = tc::sandbox::classify(r, 0);
  EXPECT_EQ(o.status, Status::signaled);
  EXPECT_EQ(o.signal, SIGSEGV);
  r.workload_status = killed(SIGXFSZ);
  o = tc::sandbox::classify(r, 0);
  EXPECT_EQ(o.status, Status::output_limit);
  EXPECT_EQ(o.reason, "fsize");
}

TEST(Classify, TheFirstCauseWinsOverTheKillItCaused) {
  MonitorResult r;
  r.cause = EndCause::wall_time;
  r.workload_status = killed(SIGKILL);
  auto o = tc::sandbox::classify(r, 2);
  EXPECT_EQ(o.status, Status::time_limit);
  EXPECT_EQ(o.reason, "wall");
  EXPECT_FALSE(o.signal);
  r.cause = EndCause::output_limit;
  r.err.truncated = true;
  EXPECT_EQ(tc::sandbox::classify(r, 0).reason, "stderr");
  r.cause = EndCause::seccomp_violation;
  r.violation_syscall = "ptrace";
  o = tc::sandbox::classify(r, 0);
  EXPECT_EQ(o.status, Status::security_violation);
  EXPECT_EQ(o.violation_syscall, "ptrace");
  r.cause = EndCause::supervisor_signal;
  r.supervisor_signal = SIGTERM;
  o = tc::sandbox::classify(r, 0);
  EXPECT_EQ(o.status, Status::signaled);
  EXPECT_EQ(o.signal, SIGTERM);
}

TEST(Classify, ExecFailureIsSetupErrorWithShellExitCode) {
  MonitorResult r;
  r.cause = EndCause::setup_error;
  r.error = tc::Error{tc::Phase::exec, "execve /nope", ENOENT};
  auto o = tc::sandbox::classify(r, 0);
  EXPECT_EQ(o.status, Status::setup_error);
  EXPECT_EQ(o.reason, "exec: execve /nope: No such file or directory");
  EXPECT_EQ(o.exit_code, 127);
  r.error = tc::Error{tc::Phase::exec, "execve /etc", EACCES};
  EXPECT_EQ(tc::sandbox::classify(r, 0).exit_code, 126);
  r.error = tc::Error{tc::Phase::mount, "bind /usr", EPERM};
  EXPECT_FALSE(tc::sandbox::classify(r, 0).exit_code);
}

TEST(Classify, NoReportFromInitIsAnInternalError) {
  MonitorResult r;
  r.init_status = killed(SIGKILL);
  auto o = tc::sandbox::classify(r, 0);
  EXPECT_EQ(o.status, Status::internal_error);
  EXPECT_NE(o.reason.find("without reporting"), std::string::npos);
}

}  // namespace
