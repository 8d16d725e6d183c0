// `tinycontainer NAME ARGS` → execv("<dir of this binary>/BINARY", ...) for the subcommands
// that live in a sibling executable (commands.hpp kForwarded, README "Layout").
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "cli/commands.hpp"

namespace tc::cli {

namespace {

std::filesystem::path own_dir() {
  char self[4096];
  const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0) return ".";
  return std::filesystem::path(std::string(self, static_cast<std::size_t>(n))).parent_path();
}

}  // namespace

void add_forwarded_command(CLI::App& app, int& exit_status, const Forwarded& fwd,
                           std::vector<std::string> raw_args) {
  auto* cmd = app.add_subcommand(std::string(fwd.name), std::string(fwd.description));
  cmd->prefix_command();
  cmd->set_help_flag();  // `NAME --help` is answered by the sibling
  cmd->callback([&exit_status, &fwd, raw_args = std::move(raw_args)] {
    const std::string target = (own_dir() / fwd.binary).string();
    // argv[1] is the subcommand (cli_main.hpp registers only it when it is named).
    const auto name = std::find(raw_args.begin() + 1, raw_args.end(), fwd.name);
    std::vector<std::string> args{target};
    args.insert(args.end(), fwd.pass_name ? name : name + 1, raw_args.end());
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
