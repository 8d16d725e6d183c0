// tinycontainer exec / languages: the code-execution pipeline from the command line
// (executor/executor.hpp, docs/EXECUTOR.md).
//
//   tinycontainer exec --lang LANG FILE [FILE...] [--stdin FILE]... [--arg A]... [--json]
//                      [--wall-time T] [--cpu-time T] [--memory N] [--pids N]
//                      [--output-limit N] [--compile-wall-time T] [--compile-memory N] ...
//   tinycontainer languages [--json]
//
// Each FILE is submitted under its base name, the first one is the entry. Each --stdin
// FILE is one test case (none: one case with empty stdin). Human output: each run's
// stdout/stderr in order, the compiler's output when the compile fails, one summary line
// per step on stderr (-q: none). Exit status: the compile step's (compile_error → 119)
// or the first failing run's, as runtime/outcome.hpp cli_exit_code; usage errors 2.
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/usage_error.hpp"
#include "common/units.hpp"
#include "executor/executor.hpp"
#include "executor/result_json.hpp"

namespace tc::cli {

namespace {

struct ExecOptions {
  std::string language;
  std::string version;
  std::vector<std::string> files;
  std::vector<std::string> stdin_files;
  std::vector<std::string> args;
  bool json = false;
  bool quiet = false;
  std::string languages_dir;
  std::string work_root;
  // Run step limits ("" = the language's default), then the compile step's.
  std::string wall_time, cpu_time, memory, output_limit;
  std::uint64_t pids = 0;
  std::string compile_wall_time, compile_cpu_time, compile_memory;
};

Result<std::string> read_file(const std::string& path, std::string_view what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return usage(fmt::format("{} '{}': cannot open", what, path));
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return usage(fmt::format("{} '{}': read error", what, path));
  return ss.str();
}

Result<void> set_seconds(const std::string& text, std::optional<double>& slot,
                         std::string_view flag) {
  if (text.empty()) return {};
  auto d = parse_duration(text);
  if (!d) return usage(fmt::format("{}: {}", flag, d.error().message));
  slot = std::chrono::duration<double>(*d).count();
  return {};
}

Result<void> set_bytes(const std::string& text, std::optional<std::uint64_t>& slot,
                       std::string_view flag) {
  if (text.empty()) return {};
  auto b = parse_size(text);
  if (!b) return usage(fmt::format("{}: {}", flag, b.error().message));
  slot = *b;
  return {};
}

Result<void> fill_limits(const ExecOptions& o, exec::ExecutionRequest& r) {
  for (auto step :
       {set_seconds(o.wall_time, r.run_limits.wall_seconds, "--wall-time"),
        set_seconds(o.cpu_time, r.run_limits.cpu_seconds, "--cpu-time"),
        set_bytes(o.memory, r.run_limits.memory_bytes, "--memory"),
        set_bytes(o.output_limit, r.run_limits.output_bytes, "--output-limit"),
        set_seconds(o.compile_wall_time, r.compile_limits.wall_seconds, "--compile-wall-time"),
        set_seconds(o.compile_cpu_time, r.compile_limits.cpu_seconds, "--compile-cpu-time"),
        set_bytes(o.compile_memory, r.compile_limits.memory_bytes, "--compile-memory")})
    if (!step) return step;
  if (o.pids != 0) r.run_limits.pids = o.pids;
  return {};
}

Result<exec::ExecutionRequest> build_request(const ExecOptions& o) {
  exec::ExecutionRequest r;
  r.language = o.language;
  r.version = o.version;
  r.args = o.args;
  for (const auto& path : o.files) {
    auto content = read_file(path, "file");
    if (!content) return std::unexpected(content.error());
    r.files.push_back({std::filesystem::path(path).filename().string(), std::move(*content)});
  }
  for (const auto& path : o.stdin_files) {
    auto content = read_file(path, "--stdin");
    if (!content) return std::unexpected(content.error());
    r.cases.push_back({std::move(*content)});
  }
  if (auto ok = fill_limits(o, r); !ok) return std::unexpected(ok.error());
  return r;
}

void print_step(const ExecOptions& o, std::string_view label, const Outcome& out, bool streams) {
  if (streams) {
    std::fwrite(out.stdout_stream.data.data(), 1, out.stdout_stream.data.size(), stdout);
    std::fflush(stdout);
    std::fwrite(out.stderr_stream.data.data(), 1, out.stderr_stream.data.size(), stderr);
  }
  if (!o.quiet) fmt::print(stderr, "tinycontainer: {}: {}\n", label, summarize(out));
}

int report(const ExecOptions& o, const exec::ExecutionResult& r) {
  if (o.json)
    fmt::print("{}\n",
               exec::to_json(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  if (r.compile && (!o.json || !o.quiet))
    print_step(o, "compile", *r.compile, !o.json && r.compile->status != Status::ok);
  for (std::size_t i = 0; i < r.runs.size(); ++i)
    print_step(o, r.runs.size() == 1 ? "run" : fmt::format("run {}", i + 1), r.runs[i], !o.json);
  if (r.status == Status::ok) return 0;
  if (r.compile && r.compile->status != Status::ok) {
    Outcome failed = *r.compile;
    failed.status = r.status;  // compile_error (or the setup/internal error)
    return cli_exit_code(failed);
  }
  for (const auto& run : r.runs)
    if (run.status != Status::ok) return cli_exit_code(run);
  return cli_exit_code(Outcome{});
}

Result<std::unique_ptr<exec::Executor>> open_executor(const ExecOptions& o) {
  exec::ExecutorConfig config;
  config.languages_dir = o.languages_dir;
  config.work_root = o.work_root;
  return exec::make_executor(config);
}

int run_exec(const ExecOptions& o) {
  auto request = build_request(o);
  if (!request) {
    fmt::print(stderr, "tinycontainer exec: {}\n", request.error().message);
    return kUsageExit;
  }
  auto executor = open_executor(o);
  if (!executor) {
    fmt::print(stderr, "tinycontainer exec: {}\n", executor.error().describe());
    return cli_exit_code(Outcome{.status = Status::setup_error});
  }
  auto result = (*executor)->execute(*request);
  if (!result) {
    const Error& e = result.error();
    fmt::print(stderr, "tinycontainer exec: {}\n",
               e.phase == Phase::usage ? e.message : e.describe());
    return e.phase == Phase::usage ? kUsageExit
                                   : cli_exit_code(Outcome{.status = Status::setup_error});
  }
  return report(o, *result);
}

int run_languages(const ExecOptions& o) {
  auto executor = open_executor(o);
  if (!executor) {
    fmt::print(stderr, "tinycontainer languages: {}\n", executor.error().describe());
    return cli_exit_code(Outcome{.status = Status::setup_error});
  }
  const auto list = (*executor)->languages();
  if (o.json) {
    fmt::print("{}\n", exec::to_json(list).dump());
    return 0;
  }
  for (const auto& l : list)
    fmt::print("{:<12} {:<10} {:<9} {:<10} aliases: {}\n", l.name, l.version,
               l.compiled ? "compiled" : "", l.source_file, fmt::join(l.aliases, ", "));
  return 0;
}

void add_common(CLI::App* cmd, ExecOptions& o) {
  cmd->add_flag("--json", o.json, "Print the result as JSON on stdout");
  cmd->add_option("--languages-dir", o.languages_dir,
                  "Directory of language profiles (*.json; default: the installed ones)");
  cmd->add_option("--work-root", o.work_root,
                  "Parent of request directories and the compile cache (default: "
                  "<runtime dir>/exec)");
}

}  // namespace

void add_exec_command(CLI::App& app, int& exit_status) {
  auto o = std::make_shared<ExecOptions>();
  auto* cmd = app.add_subcommand("exec", "Compile and run source code in fresh sandboxes");
  cmd->add_option("-l,--lang", o->language,
                  "Language name or alias (see `tinycontainer languages`)")
      ->required();
  cmd->add_option("--lang-version", o->version, "Required language version (default: installed)");
  cmd->add_option("files", o->files, "Source files; the first is the entry")->required();
  cmd->add_option("--stdin", o->stdin_files, "A test case: FILE fed to stdin (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--arg", o->args, "An argument for the program (repeatable)")
      ->allow_extra_args(false);
  cmd->add_flag("-q,--quiet", o->quiet, "No summary lines on stderr");
  cmd->add_option("--wall-time", o->wall_time, "Run step wall-clock limit, e.g. 2s");
  cmd->add_option("--cpu-time", o->cpu_time, "Run step CPU-time limit, e.g. 1s");
  cmd->add_option("--memory", o->memory, "Run step memory limit, e.g. 128MiB");
  cmd->add_option("--pids", o->pids, "Run step process/thread limit");
  cmd->add_option("--output-limit", o->output_limit, "Run step bytes kept per stream");
  cmd->add_option("--compile-wall-time", o->compile_wall_time, "Compile step wall-clock limit");
  cmd->add_option("--compile-cpu-time", o->compile_cpu_time, "Compile step CPU-time limit");
  cmd->add_option("--compile-memory", o->compile_memory, "Compile step memory limit");
  add_common(cmd, *o);
  cmd->callback([o, &exit_status] {
    try {
      exit_status = run_exec(*o);
    } catch (const std::exception& e) {
      fmt::print(stderr, "tinycontainer exec: internal error: {}\n", e.what());
      exit_status = cli_exit_code(Outcome{});
    }
  });
}

void add_languages_command(CLI::App& app, int& exit_status) {
  auto o = std::make_shared<ExecOptions>();
  auto* cmd = app.add_subcommand("languages", "List the installed languages of `exec`");
  add_common(cmd, *o);
  cmd->callback([o, &exit_status] {
    try {
      exit_status = run_languages(*o);
    } catch (const std::exception& e) {
      fmt::print(stderr, "tinycontainer languages: internal error: {}\n", e.what());
      exit_status = cli_exit_code(Outcome{});
    }
  });
}

}  // namespace tc::cli
