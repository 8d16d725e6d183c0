// `tinycontainer serve ARGS` → execv("<dir of this binary>/tinycontainer-serve", ARGS).
// The service lives in its own executable (see serve_command.cpp for why).
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "cli/commands.hpp"

namespace tc::cli {

void add_serve_command(CLI::App& app, int& exit_status, std::vector<std::string> raw_args) {
  auto* cmd = app.add_subcommand("serve", "Run the code-execution HTTP service (docs/API.md)");
  cmd->prefix_command();
  cmd->set_help_flag();  // `serve --help` is answered by tinycontainer-serve
  cmd->callback([&exit_status, raw_args = std::move(raw_args)] {
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    const auto dir = n > 0 ? std::filesystem::path(std::string(self, static_cast<std::size_t>(n))).parent_path()
                           : std::filesystem::path(".");
    const std::string target = (dir / "tinycontainer-serve").string();
    std::vector<std::string> args{target};
    bool after = false;
    for (std::size_t i = 1; i < raw_args.size(); ++i) {
      if (after) args.push_back(raw_args[i]);
      if (!after && raw_args[i] == "serve") after = true;
    }
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(target.c_str(), argv.data());
    fmt::print(stderr, "tinycontainer serve: cannot execute {}: {}\n", target, std::strerror(errno));
    exit_status = 125;
  });
}

}  // namespace tc::cli
