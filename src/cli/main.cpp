// tinycontainer — command-line entry point. Parses the subcommand and delegates.
#include <fmt/format.h>

#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"tinycontainer — a small, fast, secure container runtime"};
  app.require_subcommand(1);
  app.set_version_flag("--version", TC_VERSION);
  int exit_status = 0;
  tc::cli::add_version_command(app, exit_status);
  tc::cli::add_run_command(app, exit_status, std::vector<std::string>(argv, argv + argc));
  tc::cli::add_metadata_command(app, exit_status);
  tc::cli::add_host_command(app, exit_status);
  tc::cli::add_ctl_command(app, exit_status);
  tc::cli::add_exec_command(app, exit_status);
  tc::cli::add_languages_command(app, exit_status);
  tc::cli::add_serve_command(app, exit_status, std::vector<std::string>(argv, argv + argc));
  // `run CMD -- ARGS`: CLI11 hands ARGS to the top level as extras; `run` takes them
  // (run_command.cpp). Every other subcommand refuses extras below.
  app.allow_extras();  // after the subcommands: they must not inherit it
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "tinycontainer: {}\nRun 'tinycontainer --help' for usage.\n", e.what());
    return tc::cli::kUsageExit;
  }
  if (!app.got_subcommand("run") && !app.got_subcommand("serve") && !app.remaining().empty()) {
    fmt::print(stderr, "tinycontainer: unexpected argument '{}'\nRun 'tinycontainer --help' for usage.\n",
               app.remaining().front());
    return tc::cli::kUsageExit;
  }
  return exit_status;
}
