// Microbenchmark behind docs/SANDBOX.md "Spawn model": what does re-executing our own
// binary in a bootstrap mode cost compared with cloning the bootstrap directly?
//   clone : fork-like clone of this (single-threaded) process; the child _exits at once —
//           the cost tinycontainer pays before its bootstrap code runs.
//   reexec: the same plus execve of the tinycontainer binary ("version" subcommand, which
//           does no more work than a bootstrap mode would before it starts) — the extra
//           cost of the re-exec model, paid on every run.
// Usage: spawn_model TINYCONTAINER_BINARY [N]
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

double run_once(const char* binary, bool reexec) {
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    if (reexec) {
      int null = open("/dev/null", O_WRONLY);
      dup2(null, 1);
      execl(binary, binary, "version", static_cast<char*>(nullptr));
    }
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s TINYCONTAINER_BINARY [N]\n", argv[0]);
    return 2;
  }
  int n = argc > 2 ? std::atoi(argv[2]) : 500;
  std::vector<double> clone_us, reexec_us;
  for (int i = 0; i < n; ++i) {
    clone_us.push_back(run_once(argv[1], false));
    reexec_us.push_back(run_once(argv[1], true));
  }
  double c = median(clone_us), r = median(reexec_us);
  std::printf("Spawn model, %d alternated runs each\n", n);
  std::printf("  clone (fork-like), child exits     median %8.1f us\n", c);
  std::printf("  clone + re-exec of tinycontainer   median %8.1f us\n", r);
  std::printf("  extra cost of the re-exec model    %8.1f us per run\n", r - c);
  return 0;
}
