// tinycontainer — the sandbox specification: what one Linux-process run must look like.
//
// Contract: a SandboxSpec is plain data, close to the OCI runtime-spec's concepts
// (process{args, env, cwd, user, rlimits}, root, mounts, namespaces, hostname) plus the
// run-level settings tinycontainer adds (workspace, I/O capture, wall-clock limit, id
// mapping). It is filled by an outer layer (CLI, metadata, HTTP API); the linux layer never
// parses text. validate_spec() checks every field before any kernel object is created and
// returns a usage-phase Error naming the bad field; the launcher refuses invalid specs.
#pragma once

#include <linux/filter.h>
#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "linux/caps/cap_plan.hpp"

namespace tc::sandbox {

// One RLIMIT_* applied to the workload (OCI process.rlimits).
struct Rlimit {
  int resource = 0;  // RLIMIT_NOFILE, RLIMIT_FSIZE, RLIMIT_NPROC, ...
  std::uint64_t soft = 0;
  std::uint64_t hard = 0;
};

// OCI process: what is executed inside, as whom, with which environment.
struct ProcessSpec {
  std::vector<std::string> args;  // args[0] is resolved through PATH when it has no '/'
  std::vector<std::string> env;   // "K=V"; the full environment (nothing is inherited)
  std::string cwd = "/workspace";
  std::uint32_t uid = 1000;
  std::uint32_t gid = 1000;
  std::string user_name = "sandbox";  // written to the generated /etc/passwd
  std::vector<Rlimit> rlimits;
};

// OCI root + mounts. Without rootfs_dir the root is a fresh tmpfs holding read-only binds
// of the host's system directories and a generated /etc.
struct RootSpec {
  std::optional<std::filesystem::path> rootfs_dir;  // read-only lower layer of an overlay
  std::vector<std::string> system_dirs{"/usr",   "/bin",    "/lib", "/lib64",
                                       "/lib32", "/libx32", "/sbin"};
  std::uint64_t tmp_size = 64ull << 20;    // /tmp tmpfs
  std::uint64_t shm_size = 16ull << 20;    // /dev/shm tmpfs
  std::uint64_t upper_size = 64ull << 20;  // overlay upper layer (with rootfs_dir)
};

// OCI linux.namespaces. user, mount and pid are always created (they carry the isolation
// guarantees); the others can be shared with the host only where a caller has a reason.
struct NamespaceSpec {
  bool uts = true;
  bool ipc = true;
  bool net = true;
  bool cgroup = true;
};

// OCI linux.uidMappings/gidMappings, derived from who starts the sandbox.
struct IdentitySpec {
  bool rootless = false;                   // caller is not host root: map only the caller
  std::uint32_t host_id_base = 100000000;  // root: container [0, count) → [base, base+count)
  std::uint32_t id_count = 65536;
  std::uint32_t caller_uid = 0;  // rootless: container 0 → caller_uid
  std::uint32_t caller_gid = 0;
  // Rootless with /etc/subuid + /etc/subgid ranges (and newuidmap/newgidmap): container
  // [1, 1+count) → [start, start+count), written by the setuid helpers (id_map.hpp), so
  // the workload can run as a non-root id inside. Empty: only container 0 is mapped.
  struct SubIds {
    std::uint32_t uid_start = 0;
    std::uint32_t gid_start = 0;
    std::uint32_t count = 0;  // min of the two ranges' sizes
  };
  std::optional<SubIds> sub_ids;
};

// The per-run host directory bound at /workspace.
struct WorkspaceSpec {
  struct CopyIn {
    std::filesystem::path source;       // host path (file or directory)
    std::filesystem::path destination;  // relative to /workspace, no "..", must not exist
  };
  std::filesystem::path runtime_base;  // parent of the per-run dirs (e.g. /run/tinycontainer)
  std::vector<CopyIn> copy_in;
  std::optional<std::filesystem::path> keep_dir;  // move the workspace here after the run
};

struct IoSpec {
  enum class Stdin { none, file, string };
  Stdin stdin_kind = Stdin::none;
  std::filesystem::path stdin_file;
  std::string stdin_data;
  bool stream = false;                      // pass output through live instead of capturing
  std::uint64_t output_limit = 1ull << 20;  // bytes per stream; more → output_limit
};

struct SandboxSpec {
  ProcessSpec process;
  RootSpec root;
  NamespaceSpec namespaces;
  IdentitySpec identity;
  WorkspaceSpec workspace;
  IoSpec io;
  std::string hostname = "tinycontainer";
  std::chrono::nanoseconds wall_time = std::chrono::seconds(10);
  // Seccomp slot: an already compiled classic-BPF program (empty = no filter). Installed by
  // the workload as the last step before execve, after no_new_privs.
  std::vector<sock_filter> seccomp_program;
  bool seccomp_user_notify = false;  // request SECCOMP_FILTER_FLAG_NEW_LISTENER
  // Capabilities the workload keeps (caps::make_cap_plan of --cap-add; default none).
  caps::CapPlan capabilities;
  // Warm pools (deferred_command.hpp): build everything, then take process.args/env, stdin,
  // copy-ins, keep_dir, wall time and output limit from LaunchHooks::await_command.
  // process.args must be empty then; stdin is always a pipe.
  bool deferred_command = false;
  // With deferred_command: build at SCHED_IDLE (a pool builds in the background and must
  // not take CPU from running sandboxes), switch the supervisor and init back to
  // SCHED_OTHER when the command arrives, so the workload is born SCHED_OTHER. Root only:
  // leaving SCHED_IDLE needs CAP_SYS_NICE (or RLIMIT_NICE 20).
  bool idle_until_command = false;
};

// Checks every field; the first problem is returned as a Phase::usage Error.
[[nodiscard]] Result<void> validate_spec(const SandboxSpec& spec);

// Strict checks shared with the CLI.
[[nodiscard]] bool valid_env_name(std::string_view name) noexcept;
[[nodiscard]] bool valid_hostname(std::string_view name) noexcept;

// The ids the sandbox user has on the host (root: base + id; rootless: the caller's).
[[nodiscard]] std::uint32_t host_uid_of(const IdentitySpec& ids, std::uint32_t inside) noexcept;
[[nodiscard]] std::uint32_t host_gid_of(const IdentitySpec& ids, std::uint32_t inside) noexcept;

}  // namespace tc::sandbox
