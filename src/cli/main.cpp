// tinycontainer — command-line entry point. Parses the subcommand and delegates.
//
// Start-up cost (docs/SANDBOX.md "Start-up cost"): CLI11 builds every option of every
// subcommand it is given (names split and copied, validators, callbacks), which for all
// eight subcommands is a sizeable part of a `tinycontainer run -- /bin/true`. When argv[1]
// names a subcommand, only that one is registered — its options, help, errors and exit
// codes are the same as with all of them. A lone --version needs none. Anything else (no
// argument, --help, an unknown word) registers all of them, so the top-level help and its
// errors are unchanged.
#include <fmt/format.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.hpp"

namespace {

struct Subcommand {
  std::string_view name;
  void (*add)(CLI::App& app, int& exit_status, int argc, char** argv);
};

std::vector<std::string> raw(int argc, char** argv) { return {argv, argv + argc}; }

// In the order `tinycontainer --help` lists them.
constexpr std::array<Subcommand, 8> kSubcommands{{
    {"version", [](CLI::App& a, int& s, int, char**) { tc::cli::add_version_command(a, s); }},
    {"run", [](CLI::App& a, int& s, int c, char** v) { tc::cli::add_run_command(a, s, raw(c, v)); }},
    {"metadata", [](CLI::App& a, int& s, int, char**) { tc::cli::add_metadata_command(a, s); }},
    {"host", [](CLI::App& a, int& s, int, char**) { tc::cli::add_host_command(a, s); }},
    {"ctl", [](CLI::App& a, int& s, int, char**) { tc::cli::add_ctl_command(a, s); }},
    {"exec", [](CLI::App& a, int& s, int, char**) { tc::cli::add_exec_command(a, s); }},
    {"languages", [](CLI::App& a, int& s, int, char**) { tc::cli::add_languages_command(a, s); }},
    {"serve", [](CLI::App& a, int& s, int c, char** v) { tc::cli::add_serve_command(a, s, raw(c, v)); }},
}};

// The subcommands to register: the one argv[1] names, none for a lone --version (nothing
// else is parsed), else all.
void add_subcommands(CLI::App& app, int& exit_status, int argc, char** argv) {
  if (argc == 2 && std::string_view(argv[1]) == "--version") return;
  if (argc > 1) {
    const std::string_view first = argv[1];
    for (const auto& sub : kSubcommands) {
      if (sub.name == first) {
        sub.add(app, exit_status, argc, argv);
        return;
      }
    }
  }
  for (const auto& sub : kSubcommands) sub.add(app, exit_status, argc, argv);
}

// Whether one of `names` was parsed (unregistered names count as not given).
bool got_any(const CLI::App& app, std::initializer_list<std::string_view> names) {
  for (const CLI::App* sub : app.get_subcommands())
    for (std::string_view name : names)
      if (sub->get_name() == name) return true;
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"tinycontainer — a small, fast, secure container runtime"};
  app.require_subcommand(1);
  app.set_version_flag("--version", TC_VERSION);
  int exit_status = 0;
  add_subcommands(app, exit_status, argc, argv);
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
  if (!got_any(app, {"run", "serve"}) && !app.remaining().empty()) {
    fmt::print(stderr, "tinycontainer: unexpected argument '{}'\nRun 'tinycontainer --help' for usage.\n",
               app.remaining().front());
    return tc::cli::kUsageExit;
  }
  // The command has finished everything it does (a run's sandbox is reaped and its run
  // dir removed before its callback returns). Tearing the parsed App down (every
  // option's strings, callbacks, validators) and the static objects after it is pure
  // overhead — ~100k instructions, as much as the App's own subcommand set-up — so the
  // process leaves with its buffered output flushed and nothing else run.
  std::fflush(nullptr);
  std::_Exit(exit_status);
}
