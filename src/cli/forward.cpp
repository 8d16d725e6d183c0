// `tinycontainer NAME ARGS` → execv("<dir of this binary>/BINARY", ...) for the subcommands
// that live in a sibling executable (commands.hpp kForwarded, README "Layout").
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "cli/commands.hpp"
#include "cli/sibling.hpp"

namespace tc::cli {

void add_forwarded_command(CLI::App& app, int& exit_status, const Forwarded& fwd,
                           std::vector<std::string> raw_args) {
  auto* cmd = app.add_subcommand(std::string(fwd.name), std::string(fwd.description));
  cmd->prefix_command();
  cmd->set_help_flag();  // `NAME --help` is answered by the sibling
  cmd->callback([cmd, &exit_status, &fwd, raw_args = std::move(raw_args)] {
    // Words before the subcommand were parsed by no one: cli_main.cpp refuses them once the
    // parse, which this callback ends, returns.
    if (!cmd->get_parent()->remaining().empty()) return;
    const auto path = sibling_path(fwd.binary);
    if (!path) {
      fmt::print(stderr, "tinycontainer {}: cannot find {} (/proc/self/exe is unreadable)\n",
                 fwd.name, fwd.binary);
      exit_status = 125;
      return;
    }
    const std::string target = path->string();
    // What follows the subcommand's name (argv[1] when cli_main.hpp registers only it).
    auto rest = std::find(raw_args.begin() + 1, raw_args.end(), fwd.name);
    if (rest != raw_args.end()) ++rest;
    std::vector<std::string> args{target};
    if (fwd.pass_name) args.emplace_back(fwd.name);
    args.insert(args.end(), rest, raw_args.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(target.c_str(), argv.data());
    fmt::print(stderr, "tinycontainer {}: cannot execute {}: {}\n", fwd.name, target,
               std::strerror(errno));
    exit_status = 125;
  });
}

}  // namespace tc::cli
