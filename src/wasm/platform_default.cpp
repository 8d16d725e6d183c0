// Hosted (POSIX/Linux) implementation of the platform interface.
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "wasm/platform.hpp"

namespace tc::wasm {
namespace {

void* p_alloc(void*, std::size_t n) { return std::calloc(1, n ? n : 1); }
void* p_realloc(void*, void* p, std::size_t old_n, std::size_t new_n) {
  void* q = std::realloc(p, new_n ? new_n : 1);
  if (q && new_n > old_n) std::memset(static_cast<char*>(q) + old_n, 0, new_n - old_n);
  return q;
}
void p_free(void*, void* p, std::size_t) { std::free(p); }
bool p_clock(void*, int id, std::uint64_t* out) {
  clockid_t c;
  switch (id) {
    case 0: c = CLOCK_REALTIME; break;
    case 1: c = CLOCK_MONOTONIC; break;
    case 2: c = CLOCK_PROCESS_CPUTIME_ID; break;
    case 3: c = CLOCK_THREAD_CPUTIME_ID; break;
    default: return false;
  }
  timespec ts{};
  if (clock_gettime(c, &ts) != 0) return false;
  *out = static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000u + static_cast<std::uint64_t>(ts.tv_nsec);
  return true;
}
bool p_random(void*, void* buf, std::size_t len) {
  auto* p = static_cast<unsigned char*>(buf);
  while (len > 0) {
    const ssize_t n = getrandom(p, len, 0);
    if (n <= 0) return false;
    p += n;
    len -= static_cast<std::size_t>(n);
  }
  return true;
}
long p_write(void*, int fd, const void* buf, std::size_t len) {
  return static_cast<long>(::write(fd, buf, len));
}

}  // namespace

Platform default_platform() noexcept {
  Platform p;
  p.alloc_zeroed = p_alloc;
  p.realloc_zeroed = p_realloc;
  p.free = p_free;
  p.clock_ns = p_clock;
  p.random = p_random;
  p.write = p_write;
  return p;
}

}  // namespace tc::wasm
