// tinycontainer WASI — one guest's WASI state: arguments, environment, the descriptor
// table, its standard streams and the preopened directories it may use.
//
// Contract:
// - Everything the guest can reach is given here by the caller: argv/env strings, an
//   InputSource for fd 0, OutputSinks for fds 1 and 2, and the preopened directories
//   (fds 3, 4, ... in the order given). No other file, directory or host stream exists
//   for the guest. A null sink discards output; a null source reads as end of input.
// - create() opens every preopen through the WasiHost; a missing or non-directory host
//   path is a setup error (Phase::setup) naming it. The destructor closes every host
//   handle still open: nothing of a run survives it.
// - At most kMaxFds descriptors are open at once (path_open then fails with nfile).
// - A context belongs to one instance and is used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "wasm/wasi/abi.hpp"
#include "wasm/wasi/host.hpp"
#include "wasm/wasi/io.hpp"

namespace tc::wasi {

struct Preopen {
  std::string host_path;   // a host directory
  std::string guest_path;  // the name the guest sees (fd_prestat_dir_name), e.g. "/data"
  bool read_only = false;  // no write, create or truncate below it
};

struct WasiConfig {
  std::vector<std::string> args;  // argv, argv[0] included
  std::vector<std::string> env;   // "KEY=VALUE"
  std::vector<Preopen> preopens;
  InputSource* stdin_source = nullptr;
  OutputSink* stdout_sink = nullptr;
  OutputSink* stderr_sink = nullptr;
  WasiHost* host = nullptr;  // required
};

struct FdEntry {
  enum class Kind : std::uint8_t { closed, stdin_stream, stdout_stream, stderr_stream, file, dir };
  Kind kind = Kind::closed;
  int handle = -1;  // host handle for file/dir
  FileType type = FileType::unknown;
  std::uint64_t rights_base = 0;
  std::uint64_t rights_inheriting = 0;
  std::uint16_t fdflags = 0;
  bool read_only = false;       // inherited from the preopen
  std::string preopen_name;     // non-empty only for a preopened directory
};

class WasiContext {
 public:
  static constexpr std::uint32_t kMaxFds = 1024;

  static Result<std::unique_ptr<WasiContext>> create(WasiConfig config);
  ~WasiContext();
  WasiContext(const WasiContext&) = delete;
  WasiContext& operator=(const WasiContext&) = delete;

  [[nodiscard]] const WasiConfig& config() const noexcept { return config_; }
  [[nodiscard]] WasiHost& host() const noexcept { return *config_.host; }

  // The live entry for a guest fd, or nullptr (closed / never opened).
  [[nodiscard]] FdEntry* fd(std::uint32_t guest_fd) noexcept;
  // Installs an entry at the lowest free fd; nullopt when kMaxFds are open (the caller
  // still owns the host handle then).
  std::optional<std::uint32_t> install(FdEntry entry);
  // Closes a guest fd (and its host handle). False if it was not open.
  bool close(std::uint32_t guest_fd) noexcept;

  // Set when a write to stdout/stderr exceeded its sink's budget.
  bool output_limit_hit = false;

 private:
  explicit WasiContext(WasiConfig config) : config_(std::move(config)) {}
  WasiConfig config_;
  std::vector<FdEntry> fds_;
};

}  // namespace tc::wasi
