#include "executor/step.hpp"

#include <fmt/format.h>

#include "common/rounding.hpp"
#include "executor/child_process.hpp"
#include "executor/outcome_parse.hpp"

namespace tc::exec {

namespace {

Outcome internal(std::string reason) {
  Outcome o;
  o.status = Status::internal_error;
  o.reason = std::move(reason);
  return o;
}

void add_limits(const StepSpec& s, std::vector<std::string>& a) {
  a.insert(a.end(), {"--wall-time", micros_text(*s.limits.wall_seconds), "--output-limit",
                     std::to_string(*s.limits.output_bytes), "--memory",
                     std::to_string(*s.limits.memory_bytes)});
  if (s.runtime == StepRuntime::wasm) return;  // the engine has no pids / CPU-time knobs
  a.insert(a.end(), {"--pids", std::to_string(*s.limits.pids), "--cpu-time",
                     micros_text(*s.limits.cpu_seconds)});
}

}  // namespace

std::string micros_text(double seconds) {
  return fmt::format("{}us", ceil_nonneg(seconds * 1e6));
}

std::vector<std::string> step_argv(const StepSpec& s) {
  std::vector<std::string> a{s.tinycontainer, "run", "--json", "-q"};
  add_limits(s, a);
  if (!s.stdin_path.empty()) a.insert(a.end(), {"--stdin", s.stdin_path});
  for (const auto& e : s.env) a.insert(a.end(), {"--env", e});
  if (s.runtime == StepRuntime::wasm) {
    a.insert(a.end(), {"--runtime", "wasm", (s.module_dir / s.command.front()).string(), "--"});
    a.insert(a.end(), s.command.begin() + 1, s.command.end());
    return a;
  }
  if (!s.runtime_dir.empty()) a.insert(a.end(), {"--runtime-dir", s.runtime_dir});
  if (!s.cgroup_parent.empty()) a.insert(a.end(), {"--cgroup-parent", s.cgroup_parent});
  if (s.uid_base) a.insert(a.end(), {"--uid-base", std::to_string(*s.uid_base)});
  for (const auto& [from, to] : s.copy_in)
    a.insert(a.end(), {"--copy-in", from.string() + ":" + to});
  if (s.keep_workspace) a.insert(a.end(), {"--keep-workspace", s.keep_workspace->string()});
  for (const auto& sc : s.allow_syscalls) a.insert(a.end(), {"--allow-syscall", sc});
  a.push_back("--");
  a.insert(a.end(), s.command.begin(), s.command.end());
  return a;
}

CaptureOptions step_capture_options(const StepSpec& spec) {
  CaptureOptions opts;
  opts.stdin_path = "/dev/null";
  opts.env = spec.process_env;
  // The child enforces the wall time itself; this is the backstop against a stuck child.
  opts.timeout =
      std::chrono::milliseconds(static_cast<long long>(*spec.limits.wall_seconds * 1000) + 30000);
  // Both streams JSON-escaped (≤ 6 bytes per byte) plus the envelope.
  opts.max_bytes = static_cast<std::size_t>(*spec.limits.output_bytes) * 12 + (1 << 20);
  return opts;
}

Outcome step_outcome(const Result<CapturedRun>& run) {
  if (!run) return internal("executor: " + run.error().describe());
  if (run->timed_out) return internal("executor: the sandbox supervisor did not finish in time");
  auto outcome = outcome_from_json(run->out);
  if (!outcome)
    return internal(fmt::format("executor: tinycontainer run exited {}: {}", run->exit_code(),
                                run->err.empty() ? outcome.error().describe() : run->err));
  return std::move(*outcome);
}

Outcome run_step(const StepSpec& spec) noexcept {
  try {
    return step_outcome(run_captured(step_argv(spec), step_capture_options(spec)));
  } catch (const std::exception& e) {  // bad_alloc, filesystem errors
    return internal(std::string("executor: ") + e.what());
  }
}

}  // namespace tc::exec
