// Workloads for the `tinycontainer run` checks inside the cgroup v2 VM (the guest has
// busybox only, no python). Runs inside the sandbox:
//   vm_workload alloc MIB   writes MIB MiB of anonymous memory, prints "allocated", exits 0
//   vm_workload membomb     writes 1 MiB after 1 MiB forever (the memory limit must stop it)
//   vm_workload forkbomb    every process forks forever (pids.max must contain it)
//   vm_workload spin N      N busy processes forever (cpu-time / cpus must act)
// Reaching the end of a bomb is a bug in the limits: exit 3.
#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace {

constexpr std::size_t kMiB = 1u << 20;

bool touch(std::size_t bytes) {
  void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return false;
  std::memset(p, 0x5a, bytes);
  return true;
}

[[noreturn]] void spin() {
  volatile unsigned long n = 0;
  for (;;) n = n + 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string_view mode = argc > 1 ? argv[1] : "";
  if (mode == "alloc" && argc > 2) {
    if (!touch(std::strtoull(argv[2], nullptr, 10) * kMiB)) return 2;
    std::puts("allocated");
    return 0;
  }
  if (mode == "membomb") {
    for (std::size_t i = 0; i < 64 * 1024; ++i)
      if (!touch(kMiB)) return 2;
    return 3;
  }
  if (mode == "forkbomb")
    for (;;)
      if (::fork() < 0) ::usleep(20000);
  if (mode == "spin" && argc > 2) {
    for (int i = std::atoi(argv[2]); i > 1; --i)
      if (::fork() == 0) spin();
    spin();
  }
  std::fputs("usage: vm_workload alloc MIB | membomb | forkbomb | spin N\n", stderr);
  return 2;
}
