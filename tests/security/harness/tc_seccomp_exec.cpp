// tinycontainer tests — tc_seccomp_exec: a throwaway stand-in for `tinycontainer run`
// used to validate the hostile-workload suite before the sandbox core exists.
//
//   tc_seccomp_exec [--json] [--profile FILE] [--allow-syscall NAME]... [--cap-add CAP]...
//                   [--no-notify] -- PROGRAM [ARGS...]
//
// It marks every inherited fd above 2 close-on-exec, builds the default profile (with
// FILE overlaid and NAMEs allowed: the model operations the CLI flags will use), drops
// every capability but --cap-add, sets no_new_privs, installs the filter and supervises
// the program (filtered_run.hpp), then prints the outcome (runtime/outcome_json.hpp with
// --json, a summary line otherwise). Namespaces come from the caller:
//   setpriv --reuid=65534 --regid=65534 --clear-groups -- unshare --user --map-root-user
//     --mount --pid --fork --mount-proc --net --ipc --uts -- tc_seccomp_exec --json -- CASE
#include <linux/close_range.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "linux/caps/cap_plan.hpp"
#include "linux/seccomp/seccomp_setup.hpp"
#include "runtime/outcome.hpp"
#include "runtime/outcome_json.hpp"
#include "support/filtered_run.hpp"

namespace {

struct Args {
  bool json = false;
  bool notify = true;
  std::string profile;
  std::vector<std::string> allow, cap_add, command;
};

int usage(const std::string& why) {
  std::fprintf(stderr,
               "tc_seccomp_exec: %s\nusage: tc_seccomp_exec [--json] [--profile FILE] "
               "[--allow-syscall NAME]... [--cap-add CAP]... [--no-notify] -- PROGRAM [ARGS...]\n",
               why.c_str());
  return 2;
}

tc::Result<tc::seccomp::CompiledFilter> build_filter(const Args& a) {
  tc::seccomp::ProfileChoice choice;
  if (!a.profile.empty()) choice.file = a.profile;
  choice.allow_syscalls = a.allow;
  tc::seccomp::FilterCache cache;  // one-shot process: memory layer only
  auto setup = tc::seccomp::prepare_seccomp(choice, cache, a.notify);
  if (!setup) return std::unexpected(setup.error());
  return std::move(setup->filter);
}

tc::Outcome to_outcome(const tc::seccomp::testing::FilteredRunResult& r) {
  tc::Outcome o;
  o.exit_code = r.exit_code;
  o.signal = r.term_signal;
  o.stdout_stream.data = r.output;
  o.stdout_stream.total_bytes = r.output.size();
  if (!r.violations.empty()) {
    o.status = tc::Status::security_violation;
    o.violation_syscall = r.violations.front();
    o.reason = "seccomp: " + r.violations.front();
  } else if (r.timed_out) {
    o.status = tc::Status::time_limit;
    o.reason = "wall";
  } else if (r.term_signal) {
    o.status = *r.term_signal == SIGSYS ? tc::Status::security_violation : tc::Status::signaled;
  } else {
    o.status = r.exit_code == 0 ? tc::Status::ok : tc::Status::runtime_error;
  }
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC);
  Args a;
  int i = 1;
  for (; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    if (arg == "--") {
      ++i;
      break;
    }
    if (arg == "--json")
      a.json = true;
    else if (arg == "--no-notify")
      a.notify = false;
    else if (arg == "--profile" || arg == "--allow-syscall" || arg == "--cap-add") {
      const char* v = value();
      if (!v) return usage(arg + " needs a value");
      if (arg == "--profile")
        a.profile = v;
      else
        (arg == "--allow-syscall" ? a.allow : a.cap_add).push_back(v);
    } else
      return usage("unknown option " + arg);
  }
  for (; i < argc; ++i) a.command.emplace_back(argv[i]);
  if (a.command.empty()) return usage("no program");
  auto filter = build_filter(a);
  if (!filter) return std::fprintf(stderr, "%s\n", filter.error().describe().c_str()), 125;
  auto caps = tc::caps::make_cap_plan(a.cap_add);
  if (!caps) return std::fprintf(stderr, "%s\n", caps.error().describe().c_str()), 2;
  tc::seccomp::testing::FilteredRunOptions opts;
  opts.caps = *caps;
  opts.timeout = std::chrono::seconds(30);
  auto r = tc::seccomp::testing::run_filtered(*filter, a.command, opts);
  if (!r) return std::fprintf(stderr, "%s\n", r.error().describe().c_str()), 125;
  const tc::Outcome o = to_outcome(*r);
  if (a.json)
    std::printf("%s\n", tc::to_json(o).dump().c_str());
  else
    std::printf("%s%s\n", o.stdout_stream.data.c_str(), tc::summarize(o).c_str());
  return tc::cli_exit_code(o);
}
