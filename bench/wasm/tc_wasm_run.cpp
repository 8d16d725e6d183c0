// tc-wasm-run — runs a wasm32-wasi command module through tc::run_wasm (the same path as
// `tinycontainer run app.wasm`), for benchmarks and manual testing.
//
// usage: tc-wasm-run [--fuel N] [--memory SIZE] [--wall-time DUR] [--dir HOST:GUEST[:ro]]...
//                    [--env K=V]... [--stats] [--json] MODULE.wasm [ARGS...]
// The guest's stdout/stderr are printed to ours; the exit status is cli_exit_code().
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "common/units.hpp"
#include "runtime/outcome_json.hpp"
#include "runtime/wasm_runner.hpp"

namespace {

int usage() {
  std::fprintf(stderr,
               "usage: tc-wasm-run [--fuel N] [--memory SIZE] [--wall-time DUR] "
               "[--dir HOST:GUEST[:ro]]... [--env K=V]... [--stats] [--json] MODULE.wasm [ARGS...]\n");
  return 125;
}

}  // namespace

int main(int argc, char** argv) {
  tc::WasmRunRequest req;
  bool stats = false, json = false;
  int i = 1;
  for (; i < argc && argv[i][0] == '-'; ++i) {
    const std::string opt = argv[i];
    const bool has_value = i + 1 < argc;
    if (opt == "--stats") { stats = true; continue; }
    if (opt == "--json") { json = true; continue; }
    if (opt == "--") { ++i; break; }
    if (!has_value) return usage();
    const std::string val = argv[++i];
    if (opt == "--fuel") {
      req.fuel = std::stoull(val);
    } else if (opt == "--memory") {
      auto v = tc::parse_size(val);
      if (!v) { std::fprintf(stderr, "%s\n", v.error().describe().c_str()); return 125; }
      req.max_memory_bytes = *v;
    } else if (opt == "--wall-time") {
      auto v = tc::parse_duration(val);
      if (!v) { std::fprintf(stderr, "%s\n", v.error().describe().c_str()); return 125; }
      req.wall_time_seconds = std::chrono::duration<double>(*v).count();
    } else if (opt == "--dir") {
      auto p = tc::parse_dir_mapping(val);
      if (!p) { std::fprintf(stderr, "%s\n", p.error().describe().c_str()); return 125; }
      req.preopens.push_back(*p);
    } else if (opt == "--env") {
      req.env.push_back(val);
    } else {
      return usage();
    }
  }
  if (i >= argc) return usage();
  req.module_path = argv[i++];
  for (; i < argc; ++i) req.args.emplace_back(argv[i]);

  const tc::Outcome o = tc::run_wasm(req);
  std::fwrite(o.stdout_stream.data.data(), 1, o.stdout_stream.data.size(), stdout);
  std::fwrite(o.stderr_stream.data.data(), 1, o.stderr_stream.data.size(), stderr);
  if (json) std::cout << tc::to_json(o).dump() << "\n";
  if (stats || (o.status != tc::Status::ok && o.status != tc::Status::runtime_error)) {
    std::fprintf(stderr, "tc-wasm-run: %s\n", tc::summarize(o).c_str());
  }
  return tc::cli_exit_code(o);
}
