// tinycontainer — a command given to a sandbox that is already built (warm pools).
//
// Contract: with SandboxSpec::deferred_command set, the launcher builds the whole sandbox
// (namespaces, root filesystem, run cgroup, workspace) without a command, then asks
// LaunchHooks::await_command for a DeferredCommand. The command fills what varies per run:
// the argv and environment (sent to init over the sync pipe in the wire format below),
// stdin, the files copied into the workspace, where the workspace is kept, the wall-clock
// and output limits. Everything else — limits of the cgroup, seccomp filter, identity,
// root filesystem — was fixed when the sandbox was built. A sandbox runs at most one
// command; a cancelled one (no command) is torn down without ever running anything.
//
// Wire format supervisor → init (sync pipe), read by init with read_process_blob():
//   u32 payload size (host order), then payload = u32 argc, u32 envc, then argc + envc
//   NUL-terminated strings. Bounded by kMaxProcessBlob; anything malformed is an Error.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "linux/sandbox_spec.hpp"

namespace tc::sandbox {

struct DeferredCommand {
  std::vector<std::string> args;  // args[0] resolved through PATH inside, like ProcessSpec
  std::vector<std::string> env;   // the full environment
  std::string stdin_data;         // fed through a pipe; empty = EOF at once
  std::vector<WorkspaceSpec::CopyIn> copy_in;
  std::optional<std::filesystem::path> keep_dir;
  std::chrono::nanoseconds wall_time = std::chrono::seconds(10);
  std::uint64_t output_limit = 1ull << 20;
};

inline constexpr std::size_t kMaxProcessBlob = 4u << 20;

[[nodiscard]] std::string encode_process(const std::vector<std::string>& args,
                                         const std::vector<std::string>& env);
[[nodiscard]] Result<void> decode_process(std::string_view payload, std::vector<std::string>& args,
                                          std::vector<std::string>& env);

// Init side: reads one size-prefixed blob from `fd` (blocking). EOF before a complete blob
// (the supervisor cancelled) is an Error too.
[[nodiscard]] Result<std::string> read_process_blob(int fd);

}  // namespace tc::sandbox
