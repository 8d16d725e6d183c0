#include <fmt/format.h>

#include "cli/commands.hpp"

#ifndef TC_VERSION
#define TC_VERSION "0.0.0"
#endif

namespace tc::cli {

void add_version_command(CLI::App& app, int& exit_status) {
  auto* cmd = app.add_subcommand("version", "Print the tinycontainer version");
  cmd->callback([&exit_status] {
    fmt::print("tinycontainer {}\n", TC_VERSION);
    exit_status = 0;
  });
}

}  // namespace tc::cli
