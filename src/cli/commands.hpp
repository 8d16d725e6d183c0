// tinycontainer — the CLI's subcommands.
//
// Contract: each add_*_command registers one subcommand on `app`. When the subcommand
// is selected, its callback runs the command and stores the process exit status in
// `exit_status` (see runtime/outcome.hpp cli_exit_code for the mapping of run outcomes).
// Commands print results on stdout, diagnostics on stderr.
#pragma once

#include <CLI/CLI.hpp>
#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace tc::cli {

// Exit status for usage errors (bad arguments, unknown subcommand).
inline constexpr int kUsageExit = 2;

void add_version_command(CLI::App& app, int& exit_status);
// `raw_args` is the process's argv: `run [options] CMD -- ARGS` is told apart from
// `run [options] -- CMD ARGS` by where "--" stands (CLI11 consumes it).
void add_run_command(CLI::App& app, int& exit_status,
                     std::vector<std::string> raw_args);      // run_command.cpp
void add_exec_command(CLI::App& app, int& exit_status);       // exec_command.cpp
void add_languages_command(CLI::App& app, int& exit_status);  // exec_command.cpp

// Subcommands that live in a sibling executable next to `tinycontainer`, so that the
// binary every sandbox start loads carries neither their libraries (libcbor, libm,
// protobuf-lite, CoAP; cpp-httplib, OpenSSL, SQLite) nor their static initialisers
// (docs/SANDBOX.md "Start-up cost"). `tinycontainer NAME ARGS` executes BINARY with
// `NAME ARGS` (pass_name) or `ARGS`; its exit status, output and help are the sibling's.
struct Forwarded {
  std::string_view name;
  std::string_view description;
  std::string_view binary;
  bool pass_name;
};
inline constexpr std::string_view kHostBinary = "tinycontainer-host";
inline constexpr std::array<Forwarded, 4> kForwarded{{
    {"metadata", "Check, convert and sign container metadata", kHostBinary, true},
    {"host", "Run the multi-tenant container host (daemon)", kHostBinary, true},
    {"ctl", "Manage a running container host over its control socket", kHostBinary, true},
    {"serve", "Run the code-execution HTTP service (docs/API.md)", "tinycontainer-serve", false},
}};
consteval const Forwarded& forwarded(std::string_view name) {
  for (const auto& f : kForwarded)
    if (f.name == name) return f;
  throw "not a forwarded subcommand";  // a compile error: consteval
}
// Registers `fwd` (an element of kForwarded, which must outlive the app) on `app`; its
// callback replaces the process with the sibling (forward.cpp). If that fails it prints
// why and sets exit_status to 125.
void add_forwarded_command(CLI::App& app, int& exit_status, const Forwarded& fwd,
                           std::vector<std::string> raw_args);

// In tinycontainer-host (host_main.cpp): the forwarded subcommands themselves.
void add_metadata_command(CLI::App& app, int& exit_status);  // metadata_command.cpp
// The container host daemon and its control client (docs/HOST-CONTROL.md).
inline constexpr std::string_view kDefaultHostSocket = "/run/tinycontainer/host.sock";
void add_host_command(CLI::App& app, int& exit_status);  // host_command.cpp
void add_ctl_command(CLI::App& app, int& exit_status);   // ctl_command.cpp
// The options of tinycontainer-serve, registered on its own app (serve_command.cpp).
void add_serve_options(CLI::App& app, int& exit_status);

}  // namespace tc::cli
