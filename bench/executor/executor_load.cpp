// Load benchmark of the executor pipeline (docs/EXECUTOR.md, docs/BENCHMARKS.md
// "## Executor"): N hello-world requests at concurrency C through make_executor()/execute(),
// reporting throughput, p50/p99 latency and failures. `--bare` times the same program run
// directly (posix_spawn, no sandbox) for the overhead ratio.
//
//   executor_load --tinycontainer build/tinycontainer --lang c --concurrency 8 --requests 400
//   executor_load --lang python3 --concurrency 1 --requests 100 [--bare]
//   executor_load --lang python3 --requests 200 --alternate [--warm-pool 1] [--pause-ms 20]
//     (one request, then one bare start, in turn; prints both and the ratio of medians)
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
  bool alternate = false;     // concurrency 1: executor request and bare start alternated
  std::size_t warm_pool = 0;  // ExecutorConfig::warm_pool
  int pause_ms = 0;           // --alternate: idle time before each run
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

// The same program run directly (posix_spawn, no sandbox): python3 main.py / node main.js.
class BareRun {
 public:
  explicit BareRun(const Args& a) : src_(hello(a.lang)), path_("/tmp/tc-bench-" + src_.name) {
    std::ofstream(path_) << src_.content;
    if (a.lang == "python3") argv_ = {"/usr/bin/python3", path_};
    else if (a.lang == "javascript") argv_ = {"/usr/bin/node", path_};
    for (auto& s : argv_) cargv_.push_back(s.data());
    cargv_.push_back(nullptr);
    posix_spawn_file_actions_init(&fa_);
    posix_spawn_file_actions_addopen(&fa_, 1, "/dev/null", O_WRONLY, 0);
  }
  ~BareRun() {
    posix_spawn_file_actions_destroy(&fa_);
    std::remove(path_.c_str());  // the temporary source file
  }
  BareRun(const BareRun&) = delete;
  BareRun& operator=(const BareRun&) = delete;
  [[nodiscard]] bool usable() const { return !argv_.empty(); }
  double once() {  // milliseconds, or -1 when the spawn failed
    const auto t0 = Clock::now();
    pid_t pid;
    if (posix_spawn(&pid, cargv_[0], &fa_, nullptr, cargv_.data(), environ) != 0) return -1;
    int st;
    waitpid(pid, &st, 0);
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  }

 private:
  tc::exec::SourceFile src_;
  std::string path_;
  std::vector<std::string> argv_;
  std::vector<char*> cargv_;
  posix_spawn_file_actions_t fa_;
};

int bare(const Args& a) {
  BareRun run(a);
  if (!run.usable()) return std::fprintf(stderr, "--bare: python3 or javascript\n"), 2;
  std::vector<double> ms;
  const auto start = Clock::now();
  for (int i = 0; i < a.requests; ++i) ms.push_back(run.once());
  report("bare", a, ms, 0, std::chrono::duration<double>(Clock::now() - start).count());
  return 0;
}

bool hello_ok(const tc::Result<tc::exec::ExecutionResult>& res) {
  return res && res->status == tc::Status::ok && res->runs.at(0).stdout_stream.data == "hello\n";
}

// One executor request, then one bare start, alternated: both see the same machine state.
int alternate(const Args& a, tc::exec::Executor& ex, const tc::exec::ExecutionRequest& r) {
  BareRun run(a);
  if (!run.usable()) return std::fprintf(stderr, "--alternate: python3 or javascript\n"), 2;
  std::vector<double> sandboxed, direct;
  int failures = 0;
  const auto start = Clock::now();
  for (int i = 0; i < a.requests; ++i) {
    if (a.pause_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(a.pause_ms));
    const auto t0 = Clock::now();
    auto res = ex.execute(r);
    sandboxed.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    if (!hello_ok(res)) ++failures;
    if (a.pause_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(a.pause_ms));
    direct.push_back(run.once());
  }
  const double secs = std::chrono::duration<double>(Clock::now() - start).count();
  report("executor", a, sandboxed, failures, secs);
  report("bare", a, direct, 0, secs);
  std::printf("ratio executor/bare: p50 %.3f, p10 %.3f (warm pool %zu: %llu hits, %llu misses)\n",
              percentile(sandboxed, 0.5) / percentile(direct, 0.5),
              percentile(sandboxed, 0.1) / percentile(direct, 0.1), a.warm_pool,
              static_cast<unsigned long long>(ex.warm_pool().hits),
              static_cast<unsigned long long>(ex.warm_pool().misses));
  return failures == 0 ? 0 : 1;
}

int load(const Args& a) {
  tc::exec::ExecutorConfig config;
  config.tinycontainer_path = a.binary;
  config.warm_pool = a.warm_pool;
  auto ex = tc::exec::make_executor(config);
  if (!ex) return std::fprintf(stderr, "%s\n", ex.error().describe().c_str()), 1;
  tc::exec::ExecutionRequest r;
  r.language = a.lang;
  r.files = {hello(a.lang)};
  (void)(*ex)->execute(r);  // warm-up: compile cache, seccomp cache, page cache
  if (a.alternate) return alternate(a, **ex, r);
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
        std::lock_guard lock(m);
        ms.push_back(d);
        if (!hello_ok(res)) ++failures;
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
    else if (k == "--alternate") a.alternate = true;
    else if (k == "--warm-pool") a.warm_pool = static_cast<std::size_t>(std::atoi(val().c_str()));
    else if (k == "--pause-ms") a.pause_ms = std::atoi(val().c_str());
    else return std::fprintf(stderr, "unknown argument %s\n", k.c_str()), 2;
  }
  if (a.concurrency < 1 || a.requests < 1) return std::fprintf(stderr, "bad numbers\n"), 2;
  return a.bare ? bare(a) : load(a);
}
