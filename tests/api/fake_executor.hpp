// A scripted Executor for HTTP-level tests without sandboxes: the source text selects the
// behaviour ("sleep:0.3" waits, "status:time_limit" returns that status, "echo" returns the
// stdin). Languages: python (interpreted, alias py) and c (compiled, "compile_error" in the
// source fails compilation). Thread-safe; counts the executions it ran.
#pragma once

#include <algorithm>
#include <atomic>
#include <mutex>
#include <chrono>
#include <thread>

#include "executor/executor.hpp"

namespace tc::api::testing {

class FakeExecutor final : public exec::Executor {
 public:
  std::vector<exec::LanguageInfo> languages() const override {
    exec::LanguageInfo py{"python", {"py", "python3"}, "3.11.2", false, "main.py", {}, {}};
    py.default_run_limits.wall_seconds = 5;
    exec::LanguageInfo c{"c", {"gcc"}, "12.2.0", true, "main.c", {}, {}};
    return {c, py};
  }

  Result<exec::ExecutionResult> execute(const exec::ExecutionRequest& r) override {
    ++started;
    {
      std::lock_guard lock(mu_);
      last_request_ = r;
    }
    const auto langs = languages();
    const exec::LanguageInfo* info = nullptr;
    for (const auto& l : langs)
      if (l.name == r.language || (!l.aliases.empty() && std::find(l.aliases.begin(), l.aliases.end(), r.language) != l.aliases.end()))
        info = &l;
    if (info == nullptr) return make_error(Phase::usage, "language: unknown language '" + r.language + "'");
    if (r.files.empty()) return make_error(Phase::usage, "files: at least one file is required");
    const std::string& src = r.files.front().content;
    if (src.starts_with("sleep:"))
      std::this_thread::sleep_for(std::chrono::duration<double>(std::stod(src.substr(6))));
    exec::ExecutionResult res;
    res.language = info->name;
    res.version = info->version;
    if (info->compiled) {
      Outcome c;
      c.status = src.find("compile_error") != std::string::npos ? Status::compile_error : Status::ok;
      c.exit_code = c.status == Status::ok ? 0 : 1;
      if (c.status != Status::ok) {
        c.stderr_stream.data = "main.c:1: error: expected ';'\n";
        res.compile = c;
        res.status = Status::compile_error;
        ++finished;
        return res;
      }
      res.compile = c;
    }
    for (const auto& tc : r.cases) {
      Outcome o;
      o.status = Status::ok;
      o.exit_code = 0;
      if (src.starts_with("status:")) o.status = *status_from_string(src.substr(7));
      if (o.status == Status::time_limit) { o.exit_code.reset(); o.signal = 9; o.reason = "wall"; }
      if (o.status == Status::runtime_error) o.exit_code = 3;
      o.stdout_stream.data = src == "echo" ? tc.stdin_data : "hello\n";
      o.stdout_stream.total_bytes = o.stdout_stream.data.size();
      res.runs.push_back(o);
    }
    res.status = Status::ok;
    for (const auto& o : res.runs)
      if (o.status != Status::ok) { res.status = o.status; break; }
    ++finished;
    return res;
  }

  exec::ExecutionRequest last_request() const {
    std::lock_guard lock(mu_);
    return last_request_;
  }

  std::atomic<int> started{0};
  std::atomic<int> finished{0};

 private:
  mutable std::mutex mu_;
  exec::ExecutionRequest last_request_;
};

}  // namespace tc::api::testing
