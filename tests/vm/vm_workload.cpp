// Workloads for the `tinycontainer run` checks inside the cgroup v2 VM (the guest has
// busybox only, no python). Runs inside the sandbox:
//   vm_workload alloc MIB   writes MIB MiB of anonymous memory, prints "allocated", exits 0
//   vm_workload membomb     writes 1 MiB after 1 MiB forever (the memory limit must stop it)
//   vm_workload forkbomb    every process forks forever (pids.max must contain it)
//   vm_workload spin N      N busy processes forever (cpu-time / cpus must act)
//   vm_workload clibench N TINYCONTAINER
//                           (outside the sandbox) N rounds of `TINYCONTAINER run -q ...
//                           -- /bin/true` without limits, with --memory 256MiB and with
//                           the defaults, in a random order per round; prints medians
//                           (docs/BENCHMARKS.md)
// Reaching the end of a bomb is a bug in the limits: exit 3.
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <vector>

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

double run_us(std::vector<const char*> argv) {
  argv.push_back(nullptr);
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = ::fork();
  if (pid == 0) {
    ::execv(argv[0], const_cast<char* const*>(argv.data()));
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return -1;
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
      .count();
}

int clibench(int rounds, const char* tc) {
  const std::vector<std::vector<const char*>> cmds = {
      {tc, "run", "-q", "--memory", "max", "--pids", "max", "--", "/bin/true"},
      {tc, "run", "-q", "--memory", "256MiB", "--pids", "max", "--", "/bin/true"},
      {tc, "run", "-q", "--", "/bin/true"}};
  const char* names[] = {"no cgroup", "--memory 256MiB", "defaults"};
  std::vector<std::vector<double>> us(cmds.size());
  std::mt19937 rng(42);
  std::vector<std::size_t> order{0, 1, 2};
  for (int r = -3; r < rounds; ++r) {  // 3 warm-up rounds
    std::shuffle(order.begin(), order.end(), rng);
    for (std::size_t i : order) {
      double t = run_us(cmds[i]);
      if (t < 0) return 1;
      if (r >= 0) us[i].push_back(t);
    }
  }
  double ref = 0;
  for (std::size_t i = 0; i < cmds.size(); ++i) {
    std::sort(us[i].begin(), us[i].end());
    const double med = us[i][us[i].size() / 2];
    if (i == 0) ref = med;
    std::printf("clibench | %s | %.2f ms | %.2f |\n", names[i], med / 1000, med / ref);
  }
  return 0;
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
  if (mode == "clibench" && argc > 3) return clibench(std::atoi(argv[2]), argv[3]);
  std::fputs("usage: vm_workload alloc MIB | membomb | forkbomb | spin N | clibench N TC\n",
             stderr);
  return 2;
}
