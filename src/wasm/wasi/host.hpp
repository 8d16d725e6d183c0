// tinycontainer WASI — the platform interface through which WASI reaches the OS.
//
// Contract: every OS effect of the WASI layer (clocks, randomness, files below a
// preopened directory) goes through a WasiHost, so the layer is portable: a
// microcontroller build supplies its own host (or none, and denies file access). Host
// handles are small non-negative integers owned by the host until close(). Failures are
// reported as WASI errno values. `open_beneath` must never resolve a path outside `dir`
// (no absolute paths, no `..` above it, no symlink leading out of it).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "wasm/wasi/abi.hpp"

namespace tc::wasi {

struct OpenRequest {
  bool read = false;
  bool write = false;
  bool create = false;
  bool exclusive = false;
  bool truncate = false;
  bool directory = false;   // must be a directory
  bool append = false;
  bool follow_final_symlink = false;  // WASI lookupflags.symlink_follow
};

struct FileStat {
  std::uint64_t dev = 0, ino = 0, nlink = 0, size = 0, atim = 0, mtim = 0, ctim = 0;
  FileType type = FileType::unknown;
};

struct DirEntry {
  std::string name;
  std::uint64_t ino = 0;
  FileType type = FileType::unknown;
};

class WasiHost {
 public:
  virtual ~WasiHost() = default;
  virtual Errno clock_time(std::uint32_t id, std::uint64_t* ns) noexcept = 0;
  virtual Errno clock_res(std::uint32_t id, std::uint64_t* ns) noexcept = 0;
  virtual Errno random(std::span<std::uint8_t> buf) noexcept = 0;

  // A host directory to preopen (caller-chosen path, any location).
  virtual Errno open_dir(const std::string& host_path, int* handle) noexcept = 0;
  // `path` relative to the directory handle `dir`; see the contract above.
  virtual Errno open_beneath(int dir, std::string_view path, const OpenRequest& req,
                             int* handle) noexcept = 0;
  virtual Errno read(int handle, std::span<std::uint8_t> buf, std::size_t* got) noexcept = 0;
  virtual Errno write(int handle, std::span<const std::uint8_t> buf, std::size_t* put) noexcept = 0;
  virtual Errno seek(int handle, std::int64_t offset, Whence whence, std::uint64_t* pos) noexcept = 0;
  virtual Errno stat(int handle, FileStat* out) noexcept = 0;
  // Every entry of the directory ("." and ".." included), in a stable order.
  virtual Errno list_dir(int handle, std::vector<DirEntry>* out) noexcept = 0;
  virtual void close(int handle) noexcept = 0;
};

// The Linux implementation: clock_gettime, getrandom, openat2(RESOLVE_BENEATH |
// RESOLVE_NO_MAGICLINKS) with O_CLOEXEC, read/write/lseek/fstat/getdents via fdopendir.
class PosixHost final : public WasiHost {
 public:
  Errno clock_time(std::uint32_t id, std::uint64_t* ns) noexcept override;
  Errno clock_res(std::uint32_t id, std::uint64_t* ns) noexcept override;
  Errno random(std::span<std::uint8_t> buf) noexcept override;
  Errno open_dir(const std::string& host_path, int* handle) noexcept override;
  Errno open_beneath(int dir, std::string_view path, const OpenRequest& req,
                     int* handle) noexcept override;
  Errno read(int handle, std::span<std::uint8_t> buf, std::size_t* got) noexcept override;
  Errno write(int handle, std::span<const std::uint8_t> buf, std::size_t* put) noexcept override;
  Errno seek(int handle, std::int64_t offset, Whence whence, std::uint64_t* pos) noexcept override;
  Errno stat(int handle, FileStat* out) noexcept override;
  Errno list_dir(int handle, std::vector<DirEntry>* out) noexcept override;
  void close(int handle) noexcept override;
};

// Host errno → WASI errno (EXDEV from RESOLVE_BENEATH → notcapable).
Errno errno_from_host(int host_errno) noexcept;

}  // namespace tc::wasi
