// tinycontainer host — the control interface of a container host: what the daemon's
// control planes (Unix-socket `tinycontainer ctl`, CoAP `/container` resources) call.
//
// Contract:
//  * Every method is thread-safe (control planes call from their own threads while the
//    scheduler runs) and either succeeds completely or changes nothing.
//  * Errors: Phase::usage for an unknown uid or an invalid lifecycle transition (message
//    names both states, e.g. "container 'c1' is stopped: cannot suspend (allowed from
//    running)"); Phase::config for bad metadata/code; Phase::security for signature or
//    policy failures (metadata/document.hpp).
//  * Lifecycle (state machine, docs/HOST.md):
//      load     → loaded
//      start    loaded|stopped|finished|failed → running   (runs `start`, then loops)
//      suspend  running → suspended;  resume  suspended → running
//      stop     running|suspended → stopped   (runs `stop` with its budget)
//      (host)   running → finished  (loop returned "finished", lifetime reached, or a
//                                    one-shot program exited 0)
//      (host)   running → failed    (trap, overrun with policy stop, non-zero exit)
//      update   any → loaded (new code/metadata, same uid; stops it first if running;
//                             `restart` true → start again)
//      remove   any → (gone)  (stops it first if running)
//  * wait() blocks until the container is finished, stopped or failed, or the timeout
//    passes (then returns its current status; `timed_out` true).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace tc::host {

enum class State : std::uint8_t { loaded, running, suspended, stopped, finished, failed };
[[nodiscard]] std::string_view to_string(State s) noexcept;

struct ContainerStats {
  std::uint64_t loops = 0;           // completed loop calls
  std::uint64_t overruns = 0;        // phases that exceeded their budget
  double mean_loop_us = 0;
  double max_loop_us = 0;
  std::uint64_t fuel_used = 0;       // total, all phases
  std::uint64_t endpoint_calls = 0;  // open/read/write/call/close
  std::uint64_t denials = 0;         // calls refused by the ACL
  // Added by the host: periods whose release came more than a whole period late (host
  // overloaded or a long preemption); they are skipped, not run back to back.
  std::uint64_t missed_periods = 0;
};

struct ContainerStatus {
  std::string uid;
  std::string name;
  std::string runtime;               // "wasm", "linux"
  State state = State::loaded;
  std::uint64_t revision = 0;
  std::uint8_t priority = 0;
  std::chrono::microseconds loop_period{0};
  ContainerStats stats;
  std::string last_error;            // trap text, exit status, overrun ... ("" when none)
  std::optional<int> exit_code;      // one-shot programs
  bool timed_out = false;            // wait() only
};

// A container as submitted: metadata document (JSON, CBOR or COSE envelope — see
// metadata/document.hpp), code (wasm module bytes, or a command line for linux one-shot
// containers as the runtime documents), optional data blob.
struct LoadRequest {
  std::vector<std::uint8_t> metadata;
  std::vector<std::uint8_t> code;
  std::vector<std::uint8_t> data;
};

// Added by the host: one container's captured output (output_buffer.hpp keeps the tail).
struct StreamText {
  std::string data;          // the last bytes written
  std::uint64_t total = 0;   // bytes written in all
  std::uint64_t dropped = 0; // bytes no longer kept (total - data.size())
};
struct ContainerOutputText {
  StreamText out, err;
};

class HostControl {
 public:
  virtual ~HostControl() = default;
  virtual Result<std::string> load(const LoadRequest& request) = 0;  // returns the uid
  virtual Result<void> start(std::string_view uid) = 0;
  virtual Result<void> stop(std::string_view uid) = 0;
  virtual Result<void> suspend(std::string_view uid) = 0;
  virtual Result<void> resume(std::string_view uid) = 0;
  virtual Result<void> remove(std::string_view uid) = 0;
  virtual Result<void> update(std::string_view uid, const LoadRequest& request,
                              bool restart) = 0;
  // A reconfiguration document (metadata/reconfiguration_codec.hpp: JSON, CBOR or COSE);
  // the target uid is inside it.
  virtual Result<void> reconfigure(std::span<const std::uint8_t> request) = 0;
  virtual Result<ContainerStatus> status(std::string_view uid) = 0;
  virtual std::vector<ContainerStatus> list() = 0;
  virtual Result<ContainerStatus> wait(std::string_view uid,
                                       std::chrono::milliseconds timeout) = 0;
  // Added by the host: the container's captured stdout/stderr (WASI fds 1/2, or a linux
  // one-shot's output), the last OutputBuffer::kDefaultCapacity bytes of each stream with
  // byte counts (docs/HOST.md "Output"). Default: unsupported (for fakes in tests).
  virtual Result<ContainerOutputText> output(std::string_view uid) {
    return make_error(Phase::usage, "output of '" + std::string(uid) + "' is not available");
  }
};

}  // namespace tc::host
