// tinycontainer serve — the code-execution HTTP service (docs/API.md), built as its own
// executable `tinycontainer-serve` (serve_main.cpp) so that the `tinycontainer` binary, which
// the executor starts for every sandbox step, does not load cpp-httplib, OpenSSL, SQLite and a
// shared libstdc++ (measured: 5.4 → 21.7 ms per `tinycontainer version`).
//
// Signals: SIGTERM and SIGINT are blocked in every thread (blocked here, before any thread
// exists) and taken by one thread with sigwait(2), which calls Server::shutdown(): stop
// admitting (503), drain queued and in-flight executions, close the listener. SIGPIPE is
// ignored (a client that hangs up must not kill the service).
#include <fmt/format.h>
#include <pthread.h>

#include <unistd.h>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "api/server.hpp"
#include "cli/commands.hpp"
#include "cli/sibling.hpp"
#include "common/units.hpp"
#include "executor/executor.hpp"

namespace tc::cli {

namespace {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  unsigned workers = 0;
  std::size_t queue = 64;
  std::string token_file;
  std::string db = "/var/lib/tinycontainer/executions.db";
  std::string retention = "24h";
  std::string max_run_time = "10s", max_compile_time = "30s";
  std::string max_memory = "512MiB", max_compile_memory = "1GiB";
  std::string max_output = "1MiB", max_body = "1MiB";
  std::uint64_t max_pids = 64;
  std::size_t max_cases = 64, max_files = 64;
  std::string languages_dir, work_root;
  std::size_t warm_pool = 2;
};

Result<double> seconds(const std::string& flag, const std::string& text) {
  auto d = parse_duration(text);
  if (!d) return make_error(Phase::usage, fmt::format("{}: {}", flag, d.error().message));
  return std::chrono::duration<double>(*d).count();
}

Result<std::uint64_t> size(const std::string& flag, const std::string& text) {
  auto n = parse_size(text);
  if (!n) return make_error(Phase::usage, fmt::format("{}: {}", flag, n.error().message));
  return *n;
}

Result<api::ServerConfig> make_config(const ServeOptions& o) {
  api::ServerConfig c;
  auto colon = o.listen.rfind(':');
  if (colon == std::string::npos || colon == 0)
    return make_error(Phase::usage,
                      fmt::format("--listen: expected HOST:PORT, got '{}'", o.listen));
  c.host = o.listen.substr(0, colon);
  try {
    std::size_t used = 0;
    c.port = std::stoi(o.listen.substr(colon + 1), &used);
    if (used != o.listen.size() - colon - 1 || c.port < 0 || c.port > 65535)
      throw std::out_of_range("");
  } catch (const std::exception&) {
    return make_error(Phase::usage, fmt::format("--listen: bad port in '{}'", o.listen));
  }
  // Sandbox start-up mostly waits on the kernel: the executor measured its best throughput
  // at ~4 concurrent sandboxes per CPU (docs/EXECUTOR.md).
  c.workers = o.workers != 0 ? o.workers : 4 * std::max(1U, std::thread::hardware_concurrency());
  c.queue = o.queue;
  c.db_path = o.db;
  if (!o.token_file.empty()) {
    std::ifstream in(o.token_file);
    if (!in)
      return make_error(Phase::usage, fmt::format("--token-file: cannot read {}", o.token_file));
    std::stringstream ss;
    ss << in.rdbuf();
    std::string token = ss.str();
    while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back())))
      token.pop_back();
    if (token.empty()) return make_error(Phase::usage, "--token-file: the file is empty");
    c.token = token;
  }
  auto retention = seconds("--retention", o.retention);
  if (!retention) return std::unexpected(retention.error());
  c.retention = std::chrono::seconds(static_cast<long long>(*retention));
  auto run_t = seconds("--max-run-time", o.max_run_time);
  auto comp_t = seconds("--max-compile-time", o.max_compile_time);
  auto mem = size("--max-memory", o.max_memory);
  auto comp_mem = size("--max-compile-memory", o.max_compile_memory);
  auto out = size("--max-output", o.max_output);
  auto body = size("--max-body", o.max_body);
  for (const auto* r : {&run_t, &comp_t})
    if (!*r) return std::unexpected(r->error());
  for (const auto* r : {&mem, &comp_mem, &out, &body})
    if (!*r) return std::unexpected(r->error());
  c.limits.run_max = {*run_t, *run_t, *mem, o.max_pids, *out};
  c.limits.compile_max = {*comp_t, *comp_t, *comp_mem, o.max_pids, *out};
  c.limits.max_body_bytes = *body;
  c.limits.max_cases = o.max_cases;
  c.limits.max_files = o.max_files;
  return c;
}

int serve(const ServeOptions& o) {
  auto config = make_config(o);
  if (!config) {
    fmt::print(stderr, "tinycontainer serve: {}\n", config.error().message);
    return kUsageExit;
  }
  if (config->db_path != ":memory:") {
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(config->db_path).parent_path(), ec);
  }
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);  // before any thread exists
  std::signal(SIGPIPE, SIG_IGN);

  // The executor starts `tinycontainer run --json` for each step: our sibling binary.
  exec::ExecutorConfig ec{o.languages_dir, o.work_root, "", config->workers};
  ec.warm_pool = o.warm_pool;
  if (auto run = sibling_path("tinycontainer")) ec.tinycontainer_path = run->string();
  auto executor = exec::make_executor(ec);
  if (!executor) {
    fmt::print(stderr, "tinycontainer serve: {}\n", executor.error().describe());
    return 125;
  }
  auto server = api::Server::create(*config, **executor);
  if (!server) {
    fmt::print(stderr, "tinycontainer serve: {}\n", server.error().describe());
    return server.error().phase == Phase::usage ? kUsageExit : 125;
  }
  std::thread signals([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    fmt::print(stderr, "tinycontainer serve: {} received, draining\n",
               sig == SIGINT ? "SIGINT" : "SIGTERM");
    (*server)->shutdown();
  });
  fmt::print("tinycontainer serve: listening on http://{}:{} (workers {}, queue {})\n",
             config->host, (*server)->port(), config->workers, config->queue);
  std::fflush(stdout);
  auto ran = (*server)->run();
  (*server)->shutdown();
  pthread_kill(signals.native_handle(), SIGTERM);  // wakes sigwait if no signal came
  signals.join();
  server->reset();
  fmt::print(stderr, "tinycontainer serve: stopped\n");
  if (!ran) {
    fmt::print(stderr, "tinycontainer serve: {}\n", ran.error().describe());
    return 125;
  }
  return 0;
}

}  // namespace

void add_serve_options(CLI::App& app, int& exit_status) {
  auto opts = std::make_shared<ServeOptions>();
  auto* cmd = &app;
  cmd->add_option("--listen", opts->listen, "HOST:PORT to listen on (port 0 = any free port)")
      ->capture_default_str();
  cmd->add_option("--workers", opts->workers, "Concurrent executions (default: 4 per CPU)");
  cmd->add_option("--queue", opts->queue, "Executions that may wait for a worker; more → 429")
      ->capture_default_str();
  cmd->add_option("--token-file", opts->token_file,
                  "Require 'Authorization: Bearer <file content>'");
  cmd->add_option("--db", opts->db, "SQLite file for asynchronous results")->capture_default_str();
  cmd->add_option("--retention", opts->retention, "Keep asynchronous results this long")
      ->capture_default_str();
  cmd->add_option("--max-run-time", opts->max_run_time, "Maximum wall/CPU time of a run step")
      ->capture_default_str();
  cmd->add_option("--max-compile-time", opts->max_compile_time,
                  "Maximum wall/CPU time of a compile step")
      ->capture_default_str();
  cmd->add_option("--max-memory", opts->max_memory, "Maximum memory of a run step")
      ->capture_default_str();
  cmd->add_option("--max-compile-memory", opts->max_compile_memory,
                  "Maximum memory of a compile step")
      ->capture_default_str();
  cmd->add_option("--max-output", opts->max_output, "Maximum captured bytes per stream")
      ->capture_default_str();
  cmd->add_option("--max-pids", opts->max_pids, "Maximum processes per step")
      ->capture_default_str();
  cmd->add_option("--max-body", opts->max_body, "Maximum request body; larger → 413")
      ->capture_default_str();
  cmd->add_option("--max-cases", opts->max_cases, "Maximum test cases per request")
      ->capture_default_str();
  cmd->add_option("--max-files", opts->max_files, "Maximum files per request")
      ->capture_default_str();
  cmd->add_option("--languages-dir", opts->languages_dir, "Directory of languages/*.json profiles");
  cmd->add_option("--work-root", opts->work_root, "Parent directory of per-request workspaces");
  cmd->add_option("--warm-pool", opts->warm_pool,
                  "Pre-built sandboxes kept per step shape, each used once (0: none; "
                  "docs/EXECUTOR.md \"Warm pool\")")
      ->capture_default_str();
  cmd->callback([opts, &exit_status] { exit_status = serve(*opts); });
}

}  // namespace tc::cli
