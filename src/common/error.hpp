// tinycontainer — the error tier for setup, load and validation.
//
// Contract: every fallible setup step returns Result<T>. An Error names the phase it
// happened in (so a message always says *where*), a human message, and the errno that
// caused it when there was one. Execution paths do not use Error: they produce an
// Outcome (runtime/outcome.hpp).
#pragma once

#include <cerrno>
#include <expected>
#include <string>
#include <string_view>

namespace tc {

enum class Phase {
  usage,        // bad command-line arguments or request fields
  config,       // malformed profile, metadata or configuration
  setup,        // preparing the sandbox on the host side
  namespaces,   // clone/unshare/id maps
  mount,        // building the root filesystem
  security,     // seccomp, capabilities, no_new_privs
  cgroup,       // cgroup creation, limits, attach
  exec,         // executing the workload
  io,           // reading/writing files and pipes
  decode,       // wasm binary decoding
  validate,     // wasm validation
  instantiate,  // wasm instantiation / linking
  internal,     // a bug or an impossible state
};

std::string_view to_string(Phase p) noexcept;

struct Error {
  Phase phase = Phase::internal;
  std::string message;
  int sys_errno = 0;  // 0 when the error did not come from a system call

  // "mount: bind /usr: Permission denied"
  [[nodiscard]] std::string describe() const;
};

template <class T>
using Result = std::expected<T, Error>;

// An Error from errno: `sys_error(Phase::mount, "bind /usr")`.
[[nodiscard]] inline std::unexpected<Error> sys_error(Phase phase, std::string what,
                                                      int err = errno) {
  return std::unexpected(Error{phase, std::move(what), err});
}

[[nodiscard]] inline std::unexpected<Error> make_error(Phase phase, std::string what) {
  return std::unexpected(Error{phase, std::move(what), 0});
}

}  // namespace tc
