// tinycontainer — messages from the sandbox (init and workload) to the supervisor, and the
// one message the supervisor sends back (release).
//
// Contract: one AF_UNIX SOCK_SEQPACKET socketpair, both ends close-on-exec, so message
// boundaries are kept and the workload's end disappears at a successful execve. Messages:
//   setup_error      a step failed before execve (phase, errno, text); the workload never ran
//   workload_exit    init reaped the workload: its exact wait status, and whether init is
//                    alone in the pid namespace then (no other process left)
//   seccomp_listener the seccomp user-notification fd, passed with SCM_RIGHTS
//   sandbox_ready    deferred-command mode: init has built everything and waits for the
//                    command (deferred_command.hpp)
// The other way, once: release — the supervisor allows init to start the workload, passing
// (SCM_RIGHTS, at most kMaxJoinFds) the cgroup v1 `tasks` fds the workload writes "0" to
// before its execve (joining the run cgroup itself: linux/cgroup/run_cgroup.hpp), and the
// seccomp filter when it was prepared after the clone (at most BPF_MAXINSNS instructions,
// with its user-notification flag).
// Senders are async-signal-safe enough for a freshly cloned child (no allocation needed
// beyond the caller's strings). The receiver never trusts lengths: short/oversized messages
// are reported as protocol errors.
#pragma once

#include <linux/filter.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "common/unique_fd.hpp"

namespace tc::sandbox {

enum class MessageType : std::uint32_t {
  setup_error = 1,
  workload_exit = 2,
  seccomp_listener = 3,
  sandbox_ready = 4
};

struct StatusMessage {
  MessageType type = MessageType::setup_error;
  Error error;          // setup_error
  int wait_status = 0;  // workload_exit
  bool alone = false;   // workload_exit: nothing but init was left in the sandbox
  UniqueFd passed_fd;   // seccomp_listener
};

// Sender side (inside the sandbox). Return false when the supervisor is gone.
bool send_setup_error(int sock, const Error& error) noexcept;
bool send_workload_exit(int sock, int wait_status, bool alone = false) noexcept;
bool send_fd(int sock, MessageType type, int fd) noexcept;
bool send_sandbox_ready(int sock) noexcept;

inline constexpr int kMaxJoinFds = 16;
struct Release {
  int fds[kMaxJoinFds] = {};
  int fd_count = 0;
  std::vector<sock_filter> filter;  // empty: the spec's own filter (or none) applies
  bool filter_notify = false;
};
// Supervisor side: false when init is gone (or too many fds or instructions).
bool send_release(int sock, const int* fds, int count, const sock_filter* filter = nullptr,
                  std::size_t filter_length = 0, bool filter_notify = false) noexcept;
// init side: blocks for the release. false on EOF (the supervisor gave up), an error or a
// malformed message (any fds received are closed then); the fds arrive close-on-exec.
bool receive_release(int sock, Release& out) noexcept;

// Receiver side (supervisor). nullopt on EOF (every sender closed its end).
[[nodiscard]] Result<std::optional<StatusMessage>> receive_status(int sock);

}  // namespace tc::sandbox
