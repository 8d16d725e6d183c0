// tinycontainer — the CLI's subcommands.
//
// Contract: each add_*_command registers one subcommand on `app`. When the subcommand
// is selected, its callback runs the command and stores the process exit status in
// `exit_status` (see runtime/outcome.hpp cli_exit_code for the mapping of run outcomes).
// Commands print results on stdout, diagnostics on stderr.
#pragma once

#include <CLI/CLI.hpp>
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
                     std::vector<std::string> raw_args);  // run_command.cpp
void add_metadata_command(CLI::App& app, int& exit_status);
// The container host daemon and its control client (docs/HOST-CONTROL.md).
inline constexpr std::string_view kDefaultHostSocket = "/run/tinycontainer/host.sock";
void add_host_command(CLI::App& app, int& exit_status);  // host_command.cpp
void add_ctl_command(CLI::App& app, int& exit_status);   // ctl_command.cpp
void add_exec_command(CLI::App& app, int& exit_status);       // exec_command.cpp
void add_languages_command(CLI::App& app, int& exit_status);  // exec_command.cpp
// `serve ARGS` executes the sibling binary tinycontainer-serve (serve_forward.cpp).
void add_serve_command(CLI::App& app, int& exit_status, std::vector<std::string> raw_args);
// The options of tinycontainer-serve, registered on its own app (serve_command.cpp).
void add_serve_options(CLI::App& app, int& exit_status);

}  // namespace tc::cli
