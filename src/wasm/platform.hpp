// tinycontainer wasm — the platform interface: the only way the engine reaches the OS.
//
// Contract: the core engine (reader, validator, compiler, interpreter) calls only
// `alloc`/`realloc`/`free` (linear memories, tables, stacks). `clock_ns`, `random` and
// `write` exist for host modules such as WASI so that they too stay portable. Every
// function receives `ctx`. A Platform is plain data: copy it freely. `default_platform()`
// returns the hosted (Linux/POSIX) implementation; a Cortex-M build supplies its own.
#pragma once

#include <cstddef>
#include <cstdint>

namespace tc::wasm {

struct Platform {
  void* ctx = nullptr;
  // Zero-filled allocation; nullptr on failure.
  void* (*alloc_zeroed)(void* ctx, std::size_t bytes) = nullptr;
  // Grow/shrink keeping the prefix; new bytes are zero-filled. nullptr on failure (old
  // block untouched).
  void* (*realloc_zeroed)(void* ctx, void* p, std::size_t old_bytes, std::size_t new_bytes) = nullptr;
  void (*free)(void* ctx, void* p, std::size_t bytes) = nullptr;
  // clock_id: 0 realtime, 1 monotonic, 2 process cputime, 3 thread cputime.
  bool (*clock_ns)(void* ctx, int clock_id, std::uint64_t* out) = nullptr;
  bool (*random)(void* ctx, void* buf, std::size_t len) = nullptr;
  // Returns bytes written or -1.
  long (*write)(void* ctx, int fd, const void* buf, std::size_t len) = nullptr;
};

[[nodiscard]] Platform default_platform() noexcept;

}  // namespace tc::wasm
