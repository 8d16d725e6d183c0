// tinycontainer — the command document of `tinycontainer run --command-fd N` (warm pools).
//
// Contract: a pre-built sandbox (linux/deferred_command.hpp) takes its command as one JSON
// object, strictly checked (unknown keys, wrong types, bad values → a usage Error naming the
// field; nothing runs):
//   "args":           [string, ...]    required, non-empty: the command and its arguments
//   "env":            ["NAME=VALUE"]   added to the run's environment like --env
//   "stdin":          string           the workload's stdin            } at most one
//   "stdin_file":     string           a host file read into its stdin }
//   "copy_in":        ["SRC[:DST]"]    like --copy-in
//   "keep_workspace": string           like --keep-workspace (must not exist)
//   "wall_time":      string           like --wall-time ("10s", "500ms"); default: the CLI's
//   "output_limit":   string           like --output-limit ("1MiB"); default: the CLI's
// The protocol on the fd (a socket): the sandbox writes "ready\n" once it is built; the
// other side then writes the document and shuts down its write side (EOF ends the
// document). Closing without a document cancels the sandbox. Documents above
// kMaxCommandDoc bytes are refused.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "linux/deferred_command.hpp"

namespace tc::exec {

inline constexpr std::size_t kMaxCommandDoc = 16u << 20;

// What the CLI's own options say, used where the document is silent.
struct CommandDefaults {
  std::vector<std::string> env;  // full environment before the document's "env"
  std::chrono::nanoseconds wall_time = std::chrono::seconds(10);
  std::uint64_t output_limit = 1ull << 20;
  std::uint64_t max_stdin = 64ull << 20;  // a "stdin_file" larger than this is refused
};

[[nodiscard]] Result<sandbox::DeferredCommand> parse_command_doc(std::string_view text,
                                                                 const CommandDefaults& d);

// The fields a caller fills to build a document (the executor's side).
struct CommandDocFields {
  std::vector<std::string> args;
  std::vector<std::string> env;
  std::string stdin_file;            // "" = none
  std::vector<std::string> copy_in;  // "SRC:DST"
  std::string keep_workspace;        // "" = none
  std::string wall_time;             // "" = the sandbox's default
  std::string output_limit;          // "" = the sandbox's default
};
[[nodiscard]] std::string make_command_doc(const CommandDocFields& f);

// The sandbox's side of the protocol on `fd`: "ready\n", then the document until EOF,
// watching `signal_fd` (readable = give up). nullopt: cancelled (EOF without a byte).
[[nodiscard]] Result<std::optional<sandbox::DeferredCommand>> await_command_doc(
    int fd, int signal_fd, const CommandDefaults& d);

}  // namespace tc::exec
