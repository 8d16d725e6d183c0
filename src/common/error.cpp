#include "common/error.hpp"

#include <cstring>

namespace tc {

std::string_view to_string(Phase p) noexcept {
  switch (p) {
    case Phase::usage: return "usage";
    case Phase::config: return "config";
    case Phase::setup: return "setup";
    case Phase::namespaces: return "namespaces";
    case Phase::mount: return "mount";
    case Phase::security: return "security";
    case Phase::cgroup: return "cgroup";
    case Phase::exec: return "exec";
    case Phase::io: return "io";
    case Phase::decode: return "decode";
    case Phase::validate: return "validate";
    case Phase::instantiate: return "instantiate";
    case Phase::internal: return "internal";
  }
  return "internal";
}

std::string Error::describe() const {
  std::string out{to_string(phase)};
  out += ": ";
  out += message;
  if (sys_errno != 0) {
    out += ": ";
    out += std::strerror(sys_errno);  // NOLINT(concurrency-mt-unsafe): glibc's is thread-safe
  }
  return out;
}

}  // namespace tc
