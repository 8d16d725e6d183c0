// tinycontainer host — run the multi-tenant container host as a daemon.
//
//   tinycontainer host [--socket PATH] --state-dir DIR [--keys DIR] [--require-signature]
//                      [--coap ADDR:PORT] [--log-level error|info] [--sensor-seed N]
//
// Builds the standard services (services/default_services.hpp: log, clock, kv, sensors,
// actuators, mailbox), the host (host/host.hpp) and serves the control planes until
// SIGINT/SIGTERM (host/daemon/daemon.hpp); then stops every container, removes the socket
// and exits 0. Setup errors (bad keys, socket in use, CoAP bind) exit 2 (usage) or 1.
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <memory>

#include "cli/commands.hpp"
#include "cli/sibling.hpp"
#include "host/daemon/daemon.hpp"
#include "host/daemon/log_book.hpp"
#include "host/host.hpp"
#include "ml/ml_service.hpp"
#include "services/default_services.hpp"

namespace tc::cli {
namespace {

namespace fs = std::filesystem;

struct HostOptions {
  std::string socket = std::string(kDefaultHostSocket);
  std::string state_dir;
  std::string keys_dir;
  std::string coap;
  std::string log_level = "info";
  std::uint64_t sensor_seed = 1;
  bool require_signature = false;
};

int fail(const Error& e, int status = 1) {
  fmt::print(stderr, "tinycontainer host: {}\n", e.describe());
  return status;
}

Result<host::HostConfig> host_config(const HostOptions& o, hostd::LogBook& book) {
  host::HostConfig cfg;
  if (!o.keys_dir.empty()) {
    auto keys = metadata::load_key_dir(o.keys_dir);
    if (!keys) return std::unexpected(keys.error());
    cfg.keys = std::move(*keys);
  }
  cfg.policy.require_signature = o.require_signature;
  services::ServicesConfig sc;
  sc.state_dir = o.state_dir;
  sc.sensor_seed = o.sensor_seed;
  sc.log_sink = [&book](std::string_view uid, std::string_view line) { book.append(uid, line); };
  sc.diagnostic = [](std::string_view m) { fmt::print(stderr, "tinycontainer host: {}\n", m); };
  cfg.services = services::make_default_services(sc);
  cfg.services.push_back(tc::ml::make_ml_service());  // the `ml` endpoint (docs/ML.md)
  // linux containers run through `tinycontainer run`: the sibling of this binary
  // (tinycontainer-host has no `run`; LinuxRuntime refuses an empty path).
  if (auto run = sibling_path("tinycontainer")) cfg.tinycontainer_path = run->string();
  cfg.state_dir = o.state_dir;
  return cfg;
}

int run_host(const HostOptions& o) {
  if (o.log_level != "error" && o.log_level != "info")
    return fail(Error{Phase::usage, "--log-level must be error or info", 0}, kUsageExit);
  std::error_code ec;
  fs::create_directories(o.state_dir, ec);
  if (ec) return fail(Error{Phase::setup, "state dir " + o.state_dir + ": " + ec.message(), 0});
  if (o.socket == kDefaultHostSocket) {
    fs::create_directories(fs::path(o.socket).parent_path(), ec);
    ::chmod(fs::path(o.socket).parent_path().c_str(), 0700);
  }
  // Before any thread exists: every thread inherits the blocked SIGINT/SIGTERM.
  if (auto b = hostd::block_stop_signals(); !b) return fail(b.error());
  hostd::LogBook book(256, 1024, o.log_level == "info");
  auto cfg = host_config(o, book);
  if (!cfg) return fail(cfg.error(), kUsageExit);
  auto host = host::make_host(std::move(*cfg));
  if (!host) return fail(host.error());
  hostd::DaemonOptions d;
  d.socket.path = o.socket;
  if (!o.coap.empty()) d.coap = o.coap;
  auto sig = hostd::serve_until_signal(**host, &book, d);
  if (!sig) return fail(sig.error());
  fmt::print("tinycontainer host: signal {}: stopping {} container(s)\n", *sig,
             (*host)->list().size());
  host->reset();  // stops every container (their `stop` runs), joins the scheduler
  return 0;
}

}  // namespace

void add_host_command(CLI::App& app, int& exit_status) {
  auto opts = std::make_shared<HostOptions>();
  CLI::App* cmd = app.add_subcommand("host", std::string(forwarded("host").description));
  cmd->add_option("--socket", opts->socket, "Unix control socket (mode 0600)")
      ->capture_default_str();
  cmd->add_option("--state-dir", opts->state_dir, "Persistent state (kv store)")->required();
  cmd->add_option("--keys", opts->keys_dir,
                  "Directory of verification keys (<kid>.ed25519.pub, <kid>.hmac)");
  cmd->add_flag("--require-signature", opts->require_signature,
                "Refuse unsigned metadata and reconfigurations");
  cmd->add_option("--coap", opts->coap, "Serve CoAP /container on ADDR:PORT (e.g. 127.0.0.1:5683)");
  cmd->add_option("--log-level", opts->log_level, "info: echo container log lines to stderr; error")
      ->capture_default_str();
  cmd->add_option("--sensor-seed", opts->sensor_seed, "Seed of the simulated sensors")
      ->capture_default_str();
  cmd->callback([opts, &exit_status] { exit_status = run_host(*opts); });
}

}  // namespace tc::cli
