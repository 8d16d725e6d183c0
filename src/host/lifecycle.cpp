#include "host/lifecycle.hpp"

#include <algorithm>
#include <string>

namespace tc::host {

std::string_view to_string(State s) noexcept {
  switch (s) {
    case State::loaded: return "loaded";
    case State::running: return "running";
    case State::suspended: return "suspended";
    case State::stopped: return "stopped";
    case State::finished: return "finished";
    case State::failed: return "failed";
  }
  return "?";
}

std::string_view to_string(Operation op) noexcept {
  switch (op) {
    case Operation::start: return "start";
    case Operation::suspend: return "suspend";
    case Operation::resume: return "resume";
    case Operation::stop: return "stop";
  }
  return "?";
}

std::span<const State> allowed_from(Operation op) noexcept {
  static constexpr State kStart[] = {State::loaded, State::stopped, State::finished, State::failed};
  static constexpr State kSuspend[] = {State::running};
  static constexpr State kResume[] = {State::suspended};
  static constexpr State kStop[] = {State::running, State::suspended};
  switch (op) {
    case Operation::start: return kStart;
    case Operation::suspend: return kSuspend;
    case Operation::resume: return kResume;
    case Operation::stop: return kStop;
  }
  return {};
}

Result<void> check_transition(std::string_view uid, State current, Operation op) {
  const auto allowed = allowed_from(op);
  if (std::find(allowed.begin(), allowed.end(), current) != allowed.end()) return {};
  std::string from;
  for (State s : allowed) {
    if (!from.empty()) from += "|";
    from += to_string(s);
  }
  return make_error(Phase::usage, "container '" + std::string(uid) + "' is " + std::string(to_string(current)) +
                                      ": cannot " + std::string(to_string(op)) + " (allowed from " + from + ")");
}

}  // namespace tc::host
