// tinycontainer run [options] -- CMD [ARGS...]: one command in a fresh Linux sandbox, or
// one WebAssembly module under our engine (`--runtime wasm`, or auto-detected when CMD is a
// file starting with the wasm magic; cli/wasm_run.hpp).
//
// The CLI only turns text into a SandboxSpec (linux/sandbox_spec.hpp), hands it to the
// launcher and prints the Outcome. Exit status: runtime/outcome.hpp cli_exit_code, except
// that a command that cannot be executed exits 127 (not found) or 126 (not executable),
// like timeout(1) and env(1); usage errors exit 2.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "cli/option_subset.hpp"
#include "cli/run_resources.hpp"
#include "cli/subids.hpp"
#include "cli/usage_error.hpp"
#include "cli/wasm_run.hpp"
#include "common/units.hpp"
#include "executor/command_doc.hpp"
#include "linux/caps/cap_plan.hpp"
#include "linux/copy_in.hpp"
#include "linux/launcher.hpp"
#include "linux/run_dir.hpp"
#include "linux/seccomp/filter_cache.hpp"
#include "linux/seccomp/seccomp_setup.hpp"
#include "runtime/outcome_json.hpp"

namespace tc::cli {

namespace {

struct RunOptions {
  bool json = false;
  bool quiet = false;
  bool stream = false;
  std::string wall_time = "10s";
  std::string output_limit = "1MiB";
  std::string tmp_size = "64MiB";
  std::string fsize = "256MiB";
  std::uint64_t nofile = 1024;
  std::uint64_t nproc = 512;
  std::string user;
  std::string hostname = "tinycontainer";
  std::vector<std::string> env;
  std::vector<std::string> copy_in;
  std::string keep_workspace;
  std::string rootfs;
  std::string stdin_file;
  std::optional<std::string> stdin_string;
  std::uint32_t uid_base = 100000000;
  std::string runtime_dir;
  std::string seccomp_profile;
  std::vector<std::string> allow_syscalls;
  std::vector<std::string> cap_add;
  ResourceText resources;
  std::string runtime = "auto";  // auto | linux | wasm
  WasmRunText wasm;
  int command_fd = -1;  // --command-fd: pre-built sandbox (executor/command_doc.hpp)
  bool idle_until_command = false;
};

Result<std::uint32_t> parse_id(std::string_view text, std::string_view what) {
  std::uint32_t v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || text.empty())
    return usage(fmt::format("--user: invalid {} '{}' (want a number)", what, text));
  return v;
}

Result<void> apply_user(const RunOptions& o, sandbox::SandboxSpec& spec) {
  if (spec.identity.rootless) {
    spec.process.uid = spec.process.gid = 0;
    spec.process.user_name = "root";
  }
  if (o.user.empty()) return {};
  auto colon = o.user.find(':');
  auto uid = parse_id(std::string_view(o.user).substr(0, colon), "uid");
  if (!uid) return std::unexpected(uid.error());
  auto gid = colon == std::string::npos
                 ? uid
                 : parse_id(std::string_view(o.user).substr(colon + 1), "gid");
  if (!gid) return std::unexpected(gid.error());
  spec.process.uid = *uid;
  spec.process.gid = *gid;
  spec.process.user_name = *uid == 0 ? "root" : "sandbox";
  // Rootless with subordinate ids: /workspace belongs to container root (the caller) and
  // cannot be given to a subordinate id without leaving files the caller could not delete,
  // so a non-root workload starts in /tmp (the sandbox's own tmpfs).
  if (spec.identity.rootless && spec.identity.sub_ids && *uid != 0) spec.process.cwd = "/tmp";
  return {};
}

Result<void> apply_env(const RunOptions& o, sandbox::SandboxSpec& spec) {
  std::vector<std::string> env{"PATH=/usr/local/bin:/usr/bin:/bin", "HOME=/workspace",
                               "LANG=C.UTF-8"};
  for (const auto& kv : o.env) {
    auto eq = kv.find('=');
    if (eq == std::string::npos || !sandbox::valid_env_name(std::string_view(kv).substr(0, eq)))
      return usage(
          fmt::format("--env '{}': want NAME=VALUE with NAME matching [A-Za-z_][A-Za-z0-9_]*", kv));
    std::string prefix = kv.substr(0, eq + 1);
    std::erase_if(env, [&](const std::string& e) { return e.rfind(prefix, 0) == 0; });
    env.push_back(kv);
  }
  spec.process.env = std::move(env);
  return {};
}

Result<void> apply_limits(const RunOptions& o, sandbox::SandboxSpec& spec) {
  auto wall = parse_duration(o.wall_time);
  if (!wall) return usage("--wall-time: " + wall.error().message);
  auto out = parse_size(o.output_limit);
  if (!out) return usage("--output-limit: " + out.error().message);
  auto tmp = parse_size(o.tmp_size);
  if (!tmp) return usage("--tmp-size: " + tmp.error().message);
  auto fsize = parse_size(o.fsize);
  if (!fsize) return usage("--fsize: " + fsize.error().message);
  if (o.nofile < 3) return usage("--nofile must be at least 3 (stdin, stdout, stderr)");
  if (o.nproc < 1) return usage("--nproc must be at least 1");
  spec.wall_time = *wall;
  spec.io.output_limit = *out;
  spec.root.tmp_size = *tmp;
  spec.root.upper_size = *tmp;
  spec.process.rlimits = {{RLIMIT_NOFILE, o.nofile, o.nofile},
                          {RLIMIT_FSIZE, *fsize, *fsize},
                          {RLIMIT_NPROC, o.nproc, o.nproc},
                          {RLIMIT_CORE, 0, 0}};
  return {};
}

Result<void> apply_io(const RunOptions& o, sandbox::SandboxSpec& spec) {
  if (!o.stdin_file.empty() && o.stdin_string)
    return usage("--stdin and --stdin-string are exclusive");
  if (!o.stdin_file.empty()) {
    spec.io.stdin_kind = sandbox::IoSpec::Stdin::file;
    spec.io.stdin_file = o.stdin_file;
  } else if (o.stdin_string) {
    spec.io.stdin_kind = sandbox::IoSpec::Stdin::string;
    spec.io.stdin_data = *o.stdin_string;
  }
  spec.io.stream = o.stream;
  return {};
}

Result<void> apply_workspace(const RunOptions& o, sandbox::SandboxSpec& spec) {
  spec.workspace.runtime_base = o.runtime_dir.empty() ? sandbox::default_runtime_base(::getuid())
                                                      : std::filesystem::path(o.runtime_dir);
  for (const auto& arg : o.copy_in) {
    auto c = sandbox::parse_copy_in(arg);
    if (!c) return std::unexpected(c.error());
    spec.workspace.copy_in.push_back({c->source, c->destination});
  }
  if (!o.keep_workspace.empty()) {
    std::filesystem::path keep = std::filesystem::absolute(o.keep_workspace);
    if (std::filesystem::exists(std::filesystem::symlink_status(keep)))
      return usage(fmt::format("--keep-workspace: {} already exists", keep.string()));
    spec.workspace.keep_dir = keep;
  }
  if (!o.rootfs.empty()) spec.root.rootfs_dir = std::filesystem::absolute(o.rootfs);
  return {};
}

Result<void> apply_caps(const RunOptions& o, sandbox::SandboxSpec& spec) {
  auto plan = caps::make_cap_plan(o.cap_add);
  if (!plan) return std::unexpected(plan.error());
  spec.capabilities = *plan;
  return {};
}

Result<sandbox::SandboxSpec> build_spec(const RunOptions& o, std::vector<std::string> command) {
  sandbox::SandboxSpec spec;
  spec.process.args = std::move(command);
  spec.deferred_command = o.command_fd >= 0;
  spec.idle_until_command = o.idle_until_command;
  spec.hostname = o.hostname;
  spec.identity.rootless = ::geteuid() != 0;
  spec.identity.caller_uid = ::geteuid();
  spec.identity.caller_gid = ::getegid();
  spec.identity.host_id_base = o.uid_base;
  if (spec.identity.rootless)
    spec.identity.sub_ids = lookup_sub_ids(spec.identity.caller_uid, spec.identity.caller_gid);
  for (auto step : {apply_user, apply_env, apply_limits, apply_io, apply_workspace, apply_caps})
    if (auto r = step(o, spec); !r) return std::unexpected(r.error());
  if (auto r = sandbox::validate_spec(spec); !r) return std::unexpected(r.error());
  return spec;
}

int exit_status_for(const Outcome& outcome) {
  if (outcome.status == Status::setup_error && outcome.exit_code) return *outcome.exit_code;
  return cli_exit_code(outcome);
}

void report(const RunOptions& o, const Outcome& outcome) {
  if (o.json) {
    // Workload output is arbitrary bytes: invalid UTF-8 becomes U+FFFD instead of throwing.
    fmt::print("{}\n",
               to_json(outcome).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  } else if (!o.stream) {
    std::fwrite(outcome.stdout_stream.data.data(), 1, outcome.stdout_stream.data.size(), stdout);
    std::fflush(stdout);
    std::fwrite(outcome.stderr_stream.data.data(), 1, outcome.stderr_stream.data.size(), stderr);
  }
  if (!o.quiet) fmt::print(stderr, "tinycontainer: {}\n", summarize(outcome));
}

// Options that configure the Linux sandbox only; giving one to a wasm run is an error
// rather than silently ignored.
constexpr std::array kLinuxOnly{
    "--rootfs",          "--copy-in",       "--keep-workspace", "--user",  "--hostname",
    "--tmp-size",        "--fsize",         "--nofile",         "--nproc", "--uid-base",
    "--seccomp-profile", "--allow-syscall", "--pids",           "--cpus",  "--cpu-weight",
    "--cpu-time",        "--cgroup-parent", "--cap-add",        "--stream"};
constexpr std::array kWasmOnly{"--fuel", "--dir"};

// nullopt: a Linux run. A value: a wasm run, or the usage error that forbids it.
std::optional<Result<void>> wants_wasm(const CLI::App& cmd, const RunOptions& o,
                                       const std::vector<std::string>& command) {
  const bool wasm = o.runtime == "wasm" ||
                    (o.runtime == "auto" && !command.empty() && is_wasm_module(command.front()));
  if (!wasm) {
    for (const char* name : kWasmOnly)
      if (given(cmd, name))
        return Result<void>(usage(fmt::format("{} applies to WebAssembly runs only", name)));
    return std::nullopt;
  }
  for (const char* name : kLinuxOnly)
    if (given(cmd, name))
      return Result<void>(usage(
          fmt::format("{} applies to Linux sandbox runs only, not to a WebAssembly module", name)));
  return Result<void>{};
}

// --command-fd: the per-run parts come in the command document, never from options too.
Result<void> check_command_fd(const CLI::App& cmd, const RunOptions& o,
                              const std::vector<std::string>& command) {
  if (o.command_fd < 0) return {};
  if (!command.empty())
    return usage("--command-fd takes the command from the command document, not after '--'");
  for (const char* name : {"--stdin", "--stdin-string", "--copy-in", "--keep-workspace"})
    if (given(cmd, name))
      return usage(fmt::format("{} goes into the command document with --command-fd", name));
  if (o.runtime == "wasm") return usage("--command-fd applies to Linux sandbox runs only");
  if (o.command_fd <= 2 || ::fcntl(o.command_fd, F_SETFD, FD_CLOEXEC) != 0)
    return usage(fmt::format("--command-fd {}: not an open descriptor above 2", o.command_fd));
  return {};
}

int run_wasm_module(const RunOptions& o, const std::vector<std::string>& command) {
  SharedRunText shared{o.wall_time, o.output_limit, o.resources.memory,
                       o.env,       o.stdin_file,   o.stdin_string};
  auto request = make_wasm_request(command, shared, o.wasm);
  if (!request) {
    fmt::print(stderr, "tinycontainer run: {}\n", request.error().message);
    return kUsageExit;
  }
  const Outcome outcome = run_wasm(*request);
  report(o, outcome);
  return exit_status_for(outcome);
}

// The arguments after the first "--" of the raw command line, if any.
std::vector<std::string> after_double_dash(const std::vector<std::string>& raw) {
  auto it = std::find(raw.begin(), raw.end(), std::string("--"));
  if (it == raw.end()) return {};
  return {it + 1, raw.end()};
}

int run(const CLI::App& cmd, const RunOptions& options, std::vector<std::string> command,
        const std::vector<std::string>& raw_args) {
  // `run [options] CMD -- ARGS`: CLI11 gives CMD as the positional and ARGS as extras;
  // they are exactly what follows "--" on the command line.
  auto extras = cmd.remaining();
  if (cmd.get_parent() != nullptr) {
    const auto top = cmd.get_parent()->remaining();
    extras.insert(extras.end(), top.begin(), top.end());
  }
  if (!command.empty() && !extras.empty() && extras == after_double_dash(raw_args)) {
    command.insert(command.end(), extras.begin(), extras.end());
  } else {
    for (const auto& extra : extras) {
      if (extra == "--") continue;
      fmt::print(stderr,
                 "tinycontainer run: unknown option '{}' (put the command after '--': "
                 "tinycontainer run [options] -- CMD [ARGS...])\n",
                 extra);
      return kUsageExit;
    }
  }
  if (auto r = check_command_fd(cmd, options, command); !r) {
    fmt::print(stderr, "tinycontainer run: {}\n", r.error().message);
    return kUsageExit;
  }
  if (auto wasm = wants_wasm(cmd, options, command)) {
    if (!*wasm) {
      fmt::print(stderr, "tinycontainer run: {}\n", wasm->error().message);
      return kUsageExit;
    }
    return run_wasm_module(options, command);
  }
  auto spec = build_spec(options, command);
  if (!spec) {
    fmt::print(stderr, "tinycontainer run: {}\n", spec.error().message);
    return kUsageExit;
  }
  // Seccomp: the default profile (or --seccomp-profile, plus --allow-syscall), compiled to
  // BPF in the supervisor; violations are reported through user notification. The compiled
  // BPF is cached on disk next to the run dirs (the cache checks owner/mode). A profile the
  // caller gave may be refused as a usage error, so it is prepared now; the built-in one is
  // prepared after the clone, while init builds the root filesystem (launcher.hpp).
  seccomp::ProfileChoice choice;
  if (!options.seccomp_profile.empty()) choice.file = options.seccomp_profile;
  choice.allow_syscalls = options.allow_syscalls;
  const bool late_seccomp = !choice.file && choice.allow_syscalls.empty();
  seccomp::FilterCache cache(spec->workspace.runtime_base / "seccomp-cache");
  std::optional<seccomp::SeccompSetup> setup;
  if (!late_seccomp) {
    auto prepared = seccomp::prepare_seccomp(choice, cache, true);
    if (!prepared) {
      fmt::print(stderr, "tinycontainer run: {}\n", prepared.error().describe());
      return kUsageExit;
    }
    setup = std::move(*prepared);
    spec->seccomp_program = std::move(setup->filter.program);
    spec->seccomp_user_notify = setup->filter.user_notify;
  }
  // Resources: reap leftovers of killed runs, create the run cgroup (or refuse with
  // --require-limits), hooks that confine the workload before its first instruction.
  auto resources = ResourceSession::open(options.resources, spec->workspace.runtime_base);
  if (!resources) {
    if (resources.error().phase == Phase::usage) {
      fmt::print(stderr, "tinycontainer run: {}\n", resources.error().message);
      return kUsageExit;
    }
    Outcome refused;
    refused.status = Status::setup_error;
    refused.reason = resources.error().describe();
    report(options, refused);
    return exit_status_for(refused);
  }
  sandbox::LaunchHooks hooks = (*resources)->launch_hooks();
  if (setup) {
    hooks.on_seccomp_notification = std::move(setup->on_notification);
  } else {
    hooks.late_seccomp = [&choice, &cache]() -> Result<sandbox::LateSeccomp> {
      auto prepared = seccomp::prepare_seccomp(choice, cache, true);
      if (!prepared) return std::unexpected(prepared.error());
      return sandbox::LateSeccomp{std::move(prepared->filter.program), prepared->filter.user_notify,
                                  std::move(prepared->on_notification)};
    };
  }
  if (spec->deferred_command) {
    exec::CommandDefaults defaults{spec->process.env, spec->wall_time, spec->io.output_limit};
    hooks.await_command = [fd = options.command_fd, defaults](int signal_fd) {
      return exec::await_command_doc(fd, signal_fd, defaults);
    };
  }
  Outcome outcome = sandbox::launch(*spec, hooks);
  (*resources)->housekeeping();  // no-op when launch() already ran it
  report(options, outcome);
  return exit_status_for(outcome);
}

void add_resource_options(OptionSubset* cmd, RunOptions& o) {
  ResourceText& r = o.resources;
  cmd->add_option("--memory", r.memory,
                  "Memory limit of the run's cgroup, swap disabled ('max': none)")
      ->capture_default_str();
  cmd->add_option("--pids", r.pids,
                  "Most processes/threads at once in the run's cgroup ('max': none)")
      ->capture_default_str();
  cmd->add_option("--cpus", r.cpus,
                  "CPU bandwidth quota in CPUs, fractional (e.g. 0.5; default none)");
  cmd->add_option("--cpu-weight", r.cpu_weight, "CPU weight 1..10000 (default: kernel's, 100)");
  cmd->add_option("--cpu-time", r.cpu_time,
                  "Total CPU time of all the run's processes, e.g. 2s (default none)");
  cmd->add_option("--cgroup-parent", r.cgroup_parent,
                  "Create the run cgroup below this cgroup (absolute: from the hierarchy root; "
                  "relative: below our own) instead of below our own cgroup");
  cmd->add_flag("--require-limits", r.require_limits,
                "Refuse to run (setup_error, exit 125) when a requested limit cannot be enforced");
  cmd->add_option("--cap-add", o.cap_add,
                  "Keep this capability (repeatable; allow-list in docs/SECURITY.md)")
      ->allow_extra_args(false);
}

void add_options(OptionSubset* cmd, RunOptions& o) {
  cmd->add_flag("--json", o.json, "Print the outcome (with captured output) as JSON on stdout");
  cmd->add_flag("-q,--quiet", o.quiet, "Do not print the one-line summary on stderr");
  cmd->add_flag("--stream", o.stream, "Pass stdout/stderr through live (still bounded)");
  cmd->add_option("--wall-time", o.wall_time, "Wall-clock limit, e.g. 10s, 500ms")
      ->capture_default_str();
  cmd->add_option("--output-limit", o.output_limit,
                  "Bytes kept per output stream; more ends the run")
      ->capture_default_str();
  cmd->add_option("--tmp-size", o.tmp_size,
                  "Size of the /tmp tmpfs (and of the --rootfs upper layer)")
      ->capture_default_str();
  cmd->add_option("--fsize", o.fsize, "RLIMIT_FSIZE: largest file the workload may write")
      ->capture_default_str();
  cmd->add_option("--nofile", o.nofile, "RLIMIT_NOFILE: open files")->capture_default_str();
  cmd->add_option("--nproc", o.nproc, "RLIMIT_NPROC: processes of the sandbox user")
      ->capture_default_str();
  cmd->add_option("--user", o.user,
                  "UID[:GID] inside the sandbox (default 1000:1000; rootless: 0, others need "
                  "a subordinate id range)");
  cmd->add_option("--hostname", o.hostname, "Hostname inside the sandbox")->capture_default_str();
  cmd->add_option("-e,--env", o.env, "Extra environment variable NAME=VALUE (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--copy-in", o.copy_in,
                  "Copy host SRC to /workspace/DST before the run (repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--keep-workspace", o.keep_workspace, "Move the workspace to DIR after the run");
  cmd->add_option("--rootfs", o.rootfs,
                  "Use DIR (read-only, via overlayfs) as the root filesystem");
  cmd->add_option("--stdin", o.stdin_file,
                  "Feed FILE to the workload's stdin (default: /dev/null)");
  cmd->add_option("--stdin-string", o.stdin_string, "Feed STRING to the workload's stdin");
  cmd->add_option("--uid-base", o.uid_base, "As root: host id that container id 0 maps to")
      ->capture_default_str();
  cmd->add_option("--seccomp-profile", o.seccomp_profile,
                  "Seccomp profile JSON (default: the built-in allow-list; docs/SECURITY.md)");
  cmd->add_option("--allow-syscall", o.allow_syscalls,
                  "Also allow this syscall unconditionally (repeatable)")
      ->allow_extra_args(false);
  add_resource_options(cmd, o);
  cmd->add_option("--runtime", o.runtime,
                  "auto (a file starting with the wasm magic runs as WebAssembly), linux or wasm")
      ->check(CLI::IsMember({"auto", "linux", "wasm"}))
      ->capture_default_str();
  cmd->add_option("--fuel", o.wasm.fuel,
                  "WebAssembly: instruction budget (fuel); exhausted → time_limit 'fuel'");
  cmd->add_option("--dir", o.wasm.dirs,
                  "WebAssembly: preopen host directory HOST as GUEST (HOST:GUEST[:ro], repeatable)")
      ->allow_extra_args(false);
  cmd->add_option("--command-fd", o.command_fd,
                  "Build the sandbox, write \"ready\\n\" on socket FD, then take the command "
                  "as a JSON document from it (warm pools; docs/SANDBOX.md \"Pre-built "
                  "sandboxes\")");
  cmd->add_flag("--idle-until-command", o.idle_until_command,
                "With --command-fd, as root: build at SCHED_IDLE, run the command at SCHED_OTHER");
  cmd->add_option("--runtime-dir", o.runtime_dir,
                  "Parent of per-run directories (default /run/tinycontainer, or "
                  "/dev/shm/tinycontainer when only that is a tmpfs)");
}

}  // namespace

void add_run_command(CLI::App& app, int& exit_status, std::vector<std::string> raw_args) {
  auto* cmd = app.add_subcommand("run", "Run a command in a fresh, isolated Linux sandbox");
  cmd->footer("Usage: tinycontainer run [options] -- CMD [ARGS...]");
  // Everything after "--" is the command, verbatim. Without "--", a command whose
  // arguments look like options is refused (they would be taken as ours).
  cmd->prefix_command();
  auto options = std::make_shared<RunOptions>();
  auto command = std::make_shared<std::vector<std::string>>();
  OptionSubset subset(cmd, raw_args);  // only the options raw_args can name (option_subset.hpp)
  add_options(&subset, *options);
  cmd->add_option("command", *command, "The command and its arguments");
  cmd->callback([cmd, options, command, raw = std::move(raw_args), &exit_status] {
    try {
      exit_status = run(*cmd, *options, *command, raw);
    } catch (const std::exception& e) {  // e.g. std::filesystem errors, bad_alloc
      fmt::print(stderr, "tinycontainer run: internal error: {}\n", e.what());
      exit_status = cli_exit_code(Outcome{});  // internal_error
    }
  });
}

}  // namespace tc::cli
