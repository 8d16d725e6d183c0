// Load benchmark of the executor pipeline (docs/EXECUTOR.md, docs/BENCHMARKS.md
// "## Executor"): N hello-world requests at concurrency C through make_executor()/execute(),
// reporting throughput, p50/p99 latency and failures. `--bare` times the same program run
// directly (posix_spawn, no sandbox) for the overhead ratio.
//
//   executor_load --tinycontainer build/tinycontainer --lang c --concurrency 8 --requests 400
//   executor_load --lang python3 --concurrency 1 --requests 100 [--bare]
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "executor/executor.hpp"

namespace {

using Clock = std::chrono::steady_clock;

struct Args {
  std::string binary = "build/tinycontainer";
  std::string lang = "c";
  int concurrency = 1;
  int requests = 100;
  bool bare = false;
};

tc::exec::SourceFile hello(const std::string& lang) {
  if (lang == "c") return {"main.c", "#include <stdio.h>\nint main(void){puts(\"hello\");return 0;}\n"};
  if (lang == "python3") return {"main.py", "print('hello')\n"};
  if (lang == "javascript") return {"main.js", "console.log('hello')\n"};
  return {"main.sh", "echo hello\n"};
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

void report(const char* what, const Args& a, std::vector<double> ms, int failures, double secs) {
  std::printf("%s lang=%s concurrency=%d requests=%d: %.1f req/s, p50 %.2f ms, p99 %.2f ms, "
              "failures %d\n",
              what, a.lang.c_str(), a.concurrency, a.requests, a.requests / secs,
              percentile(ms, 0.50), percentile(ms, 0.99), failures);
}

int bare(const Args& a) {  // the program itself, no sandbox: python3 main.py / ./a.out
  const auto src = hello(a.lang);
  const std::string path = "/tmp/tc-bench-" + src.name;  // removed when the loop is done
  std::ofstream(path) << src.content;
  std::vector<std::string> argv;
  if (a.lang == "python3") argv = {"/usr/bin/python3", "/tmp/tc-bench-main.py"};
  else if (a.lang == "javascript") argv = {"/usr/bin/node", "/tmp/tc-bench-main.js"};
  else return std::fprintf(stderr, "--bare: python3 or javascript\n"), 2;
  std::vector<char*> cargv;
  for (auto& s : argv) cargv.push_back(s.data());
  cargv.push_back(nullptr);
  std::vector<double> ms;
  const auto start = Clock::now();
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  for (int i = 0; i < a.requests; ++i) {
    const auto t0 = Clock::now();
    pid_t pid;
    if (posix_spawn(&pid, cargv[0], &fa, nullptr, cargv.data(), environ) != 0) return 1;
    int st;
    waitpid(pid, &st, 0);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  const double secs = std::chrono::duration<double>(Clock::now() - start).count();
  posix_spawn_file_actions_destroy(&fa);
  std::remove(path.c_str());
  report("bare", a, ms, 0, secs);
  return 0;
}

int load(const Args& a) {
  tc::exec::ExecutorConfig config;
  config.tinycontainer_path = a.binary;
  auto ex = tc::exec::make_executor(config);
  if (!ex) return std::fprintf(stderr, "%s\n", ex.error().describe().c_str()), 1;
  tc::exec::ExecutionRequest r;
  r.language = a.lang;
  r.files = {hello(a.lang)};
  (void)(*ex)->execute(r);  // warm-up: compile cache, seccomp cache, page cache
  std::vector<double> ms;
  std::mutex m;
  std::atomic<int> next{0}, failures{0};
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < a.concurrency; ++t)
    threads.emplace_back([&] {
      while (next.fetch_add(1) < a.requests) {
        const auto t0 = Clock::now();
        auto res = (*ex)->execute(r);
        const double d = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        const bool ok = res && res->status == tc::Status::ok &&
                        res->runs.at(0).stdout_stream.data == "hello\n";
        std::lock_guard lock(m);
        ms.push_back(d);
        if (!ok) ++failures;
      }
    });
  for (auto& th : threads) th.join();
  report("executor", a, ms, failures, std::chrono::duration<double>(Clock::now() - start).count());
  return failures == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  for (int i = 1; i < argc; ++i) {
    std::string k = argv[i];
    auto val = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
    if (k == "--tinycontainer") a.binary = val();
    else if (k == "--lang") a.lang = val();
    else if (k == "--concurrency") a.concurrency = std::atoi(val().c_str());
    else if (k == "--requests") a.requests = std::atoi(val().c_str());
    else if (k == "--bare") a.bare = true;
    else return std::fprintf(stderr, "unknown argument %s\n", k.c_str()), 2;
  }
  if (a.concurrency < 1 || a.requests < 1) return std::fprintf(stderr, "bad numbers\n"), 2;
  return a.bare ? bare(a) : load(a);
}
