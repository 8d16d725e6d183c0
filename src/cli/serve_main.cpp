// tinycontainer-serve — entry point of the HTTP service; `tinycontainer serve ARGS` executes
// this binary (forward.cpp). Options: serve_command.cpp.
#include <fmt/format.h>

#include <cstdio>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"tinycontainer serve — the code-execution HTTP service (docs/API.md)",
               "tinycontainer serve"};
  int exit_status = 0;
  tc::cli::add_serve_options(app, exit_status);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);
    fmt::print(stderr, "tinycontainer serve: {}\nRun 'tinycontainer serve --help' for usage.\n",
               e.what());
    return tc::cli::kUsageExit;
  }
  return exit_status;
}
