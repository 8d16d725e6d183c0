// tinycontainer ctl — manage a running `tinycontainer host` over its Unix control socket.
//
//   tinycontainer ctl [--socket PATH] [--json] COMMAND ...
//     load META CODE [--data FILE] [--start]      update UID META CODE [--data F] [--restart]
//     start|stop|suspend|resume|remove|status UID   reconfigure FILE
//     list                                          wait UID [--timeout D]
//     logs UID
//
// Files are read here and sent as bytes (base64 in the JSON request), so the daemon never
// opens a path on the client's behalf. Output: human text, or the daemon's JSON response
// with --json. Exit status (docs/HOST-CONTROL.md): 0 done; 1 the daemon refused the request
// (its error on stderr); 2 usage (bad arguments, unreadable file); 3 the daemon cannot be
// reached; 4 wait timed out; 5 wait: the container failed.
#include <fmt/format.h>

#include <fstream>
#include <iterator>
#include <memory>

#include "cli/commands.hpp"
#include "common/units.hpp"
#include "host/daemon/base64.hpp"
#include "host/daemon/control_client.hpp"

namespace tc::cli {
namespace {

using nlohmann::json;

constexpr int kRefusedExit = 1;
constexpr int kUnreachableExit = 3;
constexpr int kTimedOutExit = 4;
constexpr int kFailedExit = 5;
constexpr std::size_t kMaxFile = std::size_t{32} << 20;

struct CtlOptions {
  std::string socket = std::string(kDefaultHostSocket);
  bool json = false;
  std::string uid, meta, code, data, file, timeout;
  bool start = false, restart = false;
};

Result<std::string> read_file_b64(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return sys_error(Phase::usage, "cannot read " + path);
  std::vector<std::uint8_t> bytes(kMaxFile + 1);
  in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (in.bad()) return sys_error(Phase::usage, "cannot read " + path);
  bytes.resize(static_cast<std::size_t>(in.gcount()));
  if (bytes.size() > kMaxFile)
    return make_error(Phase::usage, path + ": larger than " + std::to_string(kMaxFile) + " bytes");
  return hostd::encode_base64(bytes);
}

// Adds "metadata", "code" and (when given) "data" to `req`.
Result<void> add_files(json& req, const CtlOptions& o) {
  for (auto [key, path] : {std::pair{"metadata", &o.meta}, {"code", &o.code}, {"data", &o.data}}) {
    if (path->empty()) continue;
    auto b = read_file_b64(*path);
    if (!b) return std::unexpected(b.error());
    req[key] = std::move(*b);
  }
  return {};
}

std::string human_status(const json& s) {
  const json& st = s["stats"];
  std::string out = fmt::format("{}  {}  ({}, {}, revision {}, priority {}, period {} us)\n",
                                s["uid"].get<std::string>(), s["state"].get<std::string>(),
                                s["name"].get<std::string>(), s["runtime"].get<std::string>(),
                                s["revision"].get<std::uint64_t>(), s["priority"].get<int>(),
                                s["loop_period_us"].get<std::int64_t>());
  out += fmt::format(
      "  loops {}  overruns {}  missed periods {}  mean loop {:.1f} us  max loop {:.1f} us  fuel "
      "{}\n",
      st["loops"].get<std::uint64_t>(), st["overruns"].get<std::uint64_t>(),
      st.value("missed_periods", std::uint64_t{0}), st["mean_loop_us"].get<double>(),
      st["max_loop_us"].get<double>(), st["fuel_used"].get<std::uint64_t>());
  out += fmt::format("  endpoint calls {}  denials {}\n", st["endpoint_calls"].get<std::uint64_t>(),
                     st["denials"].get<std::uint64_t>());
  if (!s["exit_code"].is_null()) out += fmt::format("  exit code {}\n", s["exit_code"].get<int>());
  if (!s["last_error"].get<std::string>().empty())
    out += fmt::format("  last error: {}\n", s["last_error"].get<std::string>());
  return out;
}

void print_human(const std::string& op, const json& r) {
  if (op == "list") {
    fmt::print("{:<24} {:<10} {:>8} {:>8} {:>8} {:>10}\n", "UID", "STATE", "LOOPS", "OVERRUNS",
               "DENIALS", "PERIOD_US");
    for (const auto& s : r["containers"])
      fmt::print("{:<24} {:<10} {:>8} {:>8} {:>8} {:>10}\n", s["uid"].get<std::string>(),
                 s["state"].get<std::string>(), s["stats"]["loops"].get<std::uint64_t>(),
                 s["stats"]["overruns"].get<std::uint64_t>(),
                 s["stats"]["denials"].get<std::uint64_t>(),
                 s["loop_period_us"].get<std::int64_t>());
  } else if (op == "logs") {
    for (const auto& l : r["lines"]) fmt::print("{}\n", l.get<std::string>());
    for (const char* stream : {"stdout", "stderr"})
      if (r.contains(stream) && !r[stream].get<std::string>().empty())
        fmt::print("--- {} ---\n{}", stream, r[stream].get<std::string>());
  } else if (op == "load") {
    fmt::print("{}\n", r["uid"].get<std::string>());
  } else if (op == "remove" || op == "reconfigure") {
    fmt::print("{}\n", op == "remove" ? "removed" : "reconfigured");
  } else if (r.contains("status")) {
    if (r["status"]["timed_out"].get<bool>()) fmt::print("timed out; current status:\n");
    fmt::print("{}", human_status(r["status"]));
  }
}

// Sends `req`, prints the result, returns the exit status.
int exchange(const CtlOptions& o, json req) {
  const std::string op = req["op"];
  auto resp = hostd::request(o.socket, req, std::chrono::hours(24 * 365));
  if (!resp) {
    fmt::print(stderr, "tinycontainer ctl: {}\n", resp.error().describe());
    return kUnreachableExit;
  }
  const json& r = *resp;
  if (o.json) fmt::print("{}\n", r.dump(-1, ' ', false, json::error_handler_t::replace));
  if (!r.value("ok", false)) {
    std::string msg = r.contains("error") ? r["error"].value("message", "") : "malformed response";
    fmt::print(stderr, "tinycontainer ctl: {}\n", msg);
    return kRefusedExit;
  }
  try {
    if (!o.json) print_human(op, r);
  } catch (const json::exception& e) {
    fmt::print(stderr, "tinycontainer ctl: unexpected response from the daemon: {}\n", e.what());
    return kRefusedExit;
  }
  if (op == "wait") {
    const json& s = r["status"];
    if (s["timed_out"].get<bool>()) return kTimedOutExit;
    if (s["state"] == "failed") return kFailedExit;
  }
  return 0;
}

int run_ctl(const std::string& op, const CtlOptions& o) {
  json req{{"op", op}};
  if (!o.uid.empty()) req["uid"] = o.uid;
  if (op == "load" || op == "update") {
    if (auto f = add_files(req, o); !f) {
      fmt::print(stderr, "tinycontainer ctl: {}\n", f.error().describe());
      return kUsageExit;
    }
    req[op == "load" ? "start" : "restart"] = op == "load" ? o.start : o.restart;
  } else if (op == "reconfigure") {
    auto b = read_file_b64(o.file);
    if (!b) {
      fmt::print(stderr, "tinycontainer ctl: {}\n", b.error().describe());
      return kUsageExit;
    }
    req["document"] = std::move(*b);
  } else if (op == "wait" && !o.timeout.empty()) {
    auto d = parse_duration(o.timeout);
    if (!d) {
      fmt::print(stderr, "tinycontainer ctl: --timeout: {}\n", d.error().describe());
      return kUsageExit;
    }
    req["timeout_ms"] = std::chrono::duration_cast<std::chrono::milliseconds>(*d).count();
  }
  return exchange(o, std::move(req));
}

}  // namespace

void add_ctl_command(CLI::App& app, int& exit_status) {
  auto opts = std::make_shared<CtlOptions>();
  CLI::App* ctl = app.add_subcommand("ctl", std::string(forwarded("ctl").description));
  ctl->add_option("--socket", opts->socket, "Control socket of `tinycontainer host`")
      ->capture_default_str();
  ctl->add_flag("--json", opts->json, "Print the daemon's JSON response");
  ctl->require_subcommand(1);
  auto add = [&](const char* name, const char* help) {
    CLI::App* c = ctl->add_subcommand(name, help);
    c->callback([name, opts, &exit_status] { exit_status = run_ctl(name, *opts); });
    return c;
  };
  CLI::App* load = add("load", "Load a container (metadata + code); print its uid");
  load->add_option("META", opts->meta, "Metadata document (JSON, CBOR or COSE)")->required();
  load->add_option("CODE", opts->code, "Code (wasm module)")->required();
  load->add_option("--data", opts->data, "Optional data blob");
  load->add_flag("--start", opts->start, "Start it right away (all or nothing)");
  for (auto [name, help] : {std::pair{"start", "Start a loaded/stopped container"},
                            {"stop", "Stop a running or suspended container"},
                            {"suspend", "Suspend a running container"},
                            {"resume", "Resume a suspended container"},
                            {"remove", "Remove a container (stops it first)"},
                            {"status", "Show a container's state and statistics"},
                            {"logs", "Show a container's recent log lines"}}) {
    add(name, help)->add_option("UID", opts->uid, "Container uid")->required();
  }
  CLI::App* update = add("update", "Replace a container's metadata and code (same uid)");
  update->add_option("UID", opts->uid, "Container uid")->required();
  update->add_option("META", opts->meta, "Metadata document")->required();
  update->add_option("CODE", opts->code, "Code")->required();
  update->add_option("--data", opts->data, "Optional data blob");
  update->add_flag("--restart", opts->restart, "Start it again after the update");
  add("reconfigure", "Apply a reconfiguration document (uid inside)")
      ->add_option("FILE", opts->file, "Reconfiguration (JSON, CBOR or COSE)")
      ->required();
  add("list", "List every container");
  CLI::App* wait = add("wait", "Wait until a container is finished, stopped or failed");
  wait->add_option("UID", opts->uid, "Container uid")->required();
  wait->add_option("--timeout", opts->timeout, "Give up after this long (e.g. 5s)");
}

}  // namespace tc::cli
