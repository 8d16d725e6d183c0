// tinycontainer — command-line entry point: `version`, `run` (Linux sandboxes and
// WebAssembly modules), `exec` and `languages` run in this process; `metadata`, `host`,
// `ctl` and `serve` are executed from sibling binaries (commands.hpp kForwarded).
#include "cli/no_static_iostreams.hpp"  // first: see there

#include <array>
#include <string>
#include <vector>

#include "cli/cli_main.hpp"

namespace {

std::vector<std::string> raw(int argc, char** argv) {
  return {argv, argv + argc};
}

template <std::size_t I>
void forward(CLI::App& a, int& s, int c, char** v) {
  tc::cli::add_forwarded_command(a, s, tc::cli::kForwarded[I], raw(c, v));
}

// In the order `tinycontainer --help` lists them.
constexpr std::array<tc::cli::Subcommand, 8> kSubcommands{{
    {"version", [](CLI::App& a, int& s, int, char**) { tc::cli::add_version_command(a, s); }},
    {"run", [](CLI::App& a, int& s, int c, char** v) { tc::cli::add_run_command(a, s, raw(c, v)); },
     true},
    {tc::cli::kForwarded[0].name, forward<0>},
    {tc::cli::kForwarded[1].name, forward<1>},
    {tc::cli::kForwarded[2].name, forward<2>},
    {"exec", [](CLI::App& a, int& s, int, char**) { tc::cli::add_exec_command(a, s); }},
    {"languages", [](CLI::App& a, int& s, int, char**) { tc::cli::add_languages_command(a, s); }},
    {tc::cli::kForwarded[3].name, forward<3>},
}};

}  // namespace

int main(int argc, char** argv) {
  tc::cli::cli_main(kSubcommands, argc, argv);
}
