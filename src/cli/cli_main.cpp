#include "cli/cli_main.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace tc::cli {

namespace {

// The subcommands to register: the one argv[1] names, none for a lone --version (nothing
// else is parsed), else all.
void add_subcommands(CLI::App& app, std::span<const Subcommand> subcommands, int& exit_status,
                     int argc, char** argv) {
  if (argc == 2 && std::string_view(argv[1]) == "--version") return;
  if (argc > 1) {
    const std::string_view first = argv[1];
    for (const auto& sub : subcommands) {
      if (sub.name == first) {
        sub.add(app, exit_status, argc, argv);
        return;
      }
    }
  }
  for (const auto& sub : subcommands) sub.add(app, exit_status, argc, argv);
}

// Whether a subcommand that keeps what follows it was parsed.
bool got_extras_taker(const CLI::App& app, std::span<const Subcommand> subcommands) {
  for (const CLI::App* parsed : app.get_subcommands())
    for (const auto& sub : subcommands)
      if (sub.takes_extras && parsed->get_name() == sub.name) return true;
  return false;
}

[[noreturn]] void leave(int status) {
  std::fflush(nullptr);
  std::_Exit(status);
}

// CLI11's answer to --help, --version or a help-all request: App::exit() writes it to the
// streams it is given, here string streams copied to stdout/stderr — std::cout is not
// constructed in `tinycontainer` (no_static_iostreams.hpp).
[[noreturn]] void leave_with(const CLI::App& app, const CLI::Error& e) {
  std::ostringstream out;
  std::ostringstream err;
  const int status = app.exit(e, out, err);
  const std::string o = out.str();
  const std::string r = err.str();
  std::fwrite(o.data(), 1, o.size(), stdout);
  std::fwrite(r.data(), 1, r.size(), stderr);
  leave(status);
}

}  // namespace

void cli_main(std::span<const Subcommand> subcommands, int argc, char** argv) {
  CLI::App app{"tinycontainer — a small, fast, secure container runtime", "tinycontainer"};
  app.require_subcommand(1);
  app.set_version_flag("--version", TC_VERSION);
  int exit_status = 0;
  add_subcommands(app, subcommands, exit_status, argc, argv);
  // `run CMD -- ARGS`: CLI11 hands ARGS to the top level as extras; `run` takes them
  // (run_command.cpp). Every other subcommand refuses extras below.
  app.allow_extras();  // after the subcommands: they must not inherit it
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    leave_with(app, e);
  } catch (const CLI::CallForAllHelp& e) {
    leave_with(app, e);
  } catch (const CLI::CallForVersion& e) {
    leave_with(app, e);
  } catch (const CLI::ParseError& e) {
    fmt::print(stderr, "tinycontainer: {}\nRun 'tinycontainer --help' for usage.\n", e.what());
    leave(kUsageExit);
  }
  if (!got_extras_taker(app, subcommands) && !app.remaining().empty()) {
    fmt::print(stderr,
               "tinycontainer: unexpected argument '{}'\nRun 'tinycontainer --help' for usage.\n",
               app.remaining().front());
    leave(kUsageExit);
  }
  leave(exit_status);
}

}  // namespace tc::cli
