// tinycontainer-host — the container host's subcommands (`metadata`, `host`, `ctl`).
// `tinycontainer metadata|host|ctl ARGS` executes this binary with the same arguments
// (commands.hpp kForwarded), so help, errors and exit codes read as `tinycontainer`'s.
#include <array>

#include "cli/cli_main.hpp"

namespace {

constexpr std::array<tc::cli::Subcommand, 3> kSubcommands{{
    {"metadata", [](CLI::App& a, int& s, int, char**) { tc::cli::add_metadata_command(a, s); }},
    {"host", [](CLI::App& a, int& s, int, char**) { tc::cli::add_host_command(a, s); }},
    {"ctl", [](CLI::App& a, int& s, int, char**) { tc::cli::add_ctl_command(a, s); }},
}};

}  // namespace

int main(int argc, char** argv) {
  tc::cli::cli_main(kSubcommands, argc, argv);
}
