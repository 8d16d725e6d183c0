// tinycontainer host — the Linux process runtime (one-shot subset) behind the runtime
// abstraction layer.
//
// Contract:
//  * Code encoding: the code blob is a JSON array of strings, the command and its
//    arguments, e.g. ["/bin/sh", "-c", "echo hi"] (UTF-8, 1..256 elements, no NUL).
//  * The host is multi-threaded, so it never clones itself: the first loop phase
//    posix_spawn()s our own binary (InstanceEnv::tinycontainer_path) as
//    `tinycontainer run --json -q -- CMD ARGS...` (the full Linux sandbox, docs/SANDBOX.md),
//    stdin /dev/null, stdout and stderr into non-blocking pipes, every other fd closed.
//  * Every loop phase polls without blocking (drain the pipes, waitpid WNOHANG) and says
//    `waiting` until the process ends; then the CLI's JSON outcome gives the result:
//    status ok → finished (exit 0), anything else → failed with "<status>: <reason>" and
//    the exit code. The workload's stdout/stderr (from the outcome) go to the container's
//    OutputBuffer; the CLI's own stderr too.
//  * stop/kill: SIGTERM (the CLI tears its sandbox down on SIGTERM), then SIGKILL once the
//    stop budget (stop_max_duration) has passed; the child is always reaped. The start
//    phase does nothing. suspend/resume are not supported (Error, Phase::usage).
#pragma once

#include "host/runtime.hpp"

namespace tc::host {

class LinuxRuntime final : public Runtime {
 public:
  [[nodiscard]] std::string_view type_id() const noexcept override { return "linux"; }
  [[nodiscard]] bool can_suspend() const noexcept override { return false; }
  Result<std::unique_ptr<Instance>> create(const metadata::Metadata& metadata,
                                           std::span<const std::uint8_t> code,
                                           std::span<const std::uint8_t> data,
                                           const InstanceEnv& env) override;
};

// Parses the code blob (JSON array of strings). Errors: Phase::config.
[[nodiscard]] Result<std::vector<std::string>> parse_command(std::span<const std::uint8_t> code);

}  // namespace tc::host
