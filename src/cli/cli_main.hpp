// tinycontainer — the one entry point of the CLI executables (`tinycontainer` and its
// sibling `tinycontainer-host`; README "Layout").
//
// Contract: cli_main() builds a CLI11 app named "tinycontainer" from `subcommands`, parses
// argv, runs the chosen subcommand and ends the process with its exit status (it never
// returns; a forwarded subcommand replaces the process, commands.hpp kForwarded). Start-up cost (docs/SANDBOX.md
// "Start-up cost"): CLI11 builds every option of every subcommand it is given, so when
// argv[1] names a subcommand only that one is registered — its options, help, errors and
// exit codes are the same as with all of them. A lone --version needs none. Anything else
// (no argument, --help, an unknown word) registers all of them, so the top-level help and
// its errors are unchanged. Exit: the command has finished everything it does (a run's
// sandbox is reaped and its run dir removed before its callback returns), so the process
// leaves with stdio flushed and without tearing the app down (~100k instructions).
#pragma once

#include <span>
#include <string_view>

#include "cli/commands.hpp"

namespace tc::cli {

struct Subcommand {
  std::string_view name;
  void (*add)(CLI::App& app, int& exit_status, int argc, char** argv);
  bool takes_extras = false;  // `run CMD -- ARGS` keeps what CLI11 hands to the top level
};

[[noreturn]] void cli_main(std::span<const Subcommand> subcommands, int argc, char** argv);

}  // namespace tc::cli
