// Hostile and measured workloads run by GatedChild *inside* a cgroup the test created
// with its limits already written. Each returns an exit code; reaching the end of a
// bomb means the limit did not work.
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstring>

namespace tc::cgroup::testing {

inline constexpr std::size_t kMiB = 1u << 20;

// Allocates and touches `bytes`, then exits 0.
inline int touch_memory(std::size_t bytes) {
  void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return 2;
  std::memset(p, 0x5a, bytes);
  return 0;
}

// Touches 1 MiB after 1 MiB up to `cap`; exits 3 if never stopped.
inline int memory_bomb(std::size_t cap) {
  for (std::size_t used = 0; used < cap; used += kMiB)
    if (touch_memory(kMiB) != 0) return 2;
  return 3;
}

// Every process forks forever; a refused fork just waits a little and retries.
[[noreturn]] inline void fork_bomb() {
  for (;;)
    if (::fork() < 0) ::usleep(20000);
}

[[noreturn]] inline void busy_loop() {
  volatile unsigned long n = 0;
  for (;;) n = n + 1;
}

}  // namespace tc::cgroup::testing
