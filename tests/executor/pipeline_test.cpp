// Integration tests: the whole pipeline (make_executor + execute) through the real
// `tinycontainer` binary. Root + user namespaces needed; otherwise every test skips.
// Each test process uses its own runtime dir, uid base and cgroup parent, so the
// cleanup checks are not disturbed by sandboxes other processes run at the same time.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "executor/executor.hpp"
#include "proc_scan.hpp"

namespace tc::exec {
namespace {

namespace fs = std::filesystem;

std::uint32_t private_uid_base() {
  return 400000000u + static_cast<std::uint32_t>(::getpid() % 50000) * 65536u;
}

int processes_in_uid_range(std::uint32_t base) {
  return tc::test::count_processes_in_uid_range(base);
}

// Our own cgroup directory in each v1 hierarchy (and v2), from /proc/self/cgroup.
std::vector<fs::path> own_cgroup_dirs() {
  std::vector<fs::path> out;
  std::ifstream in("/proc/self/cgroup");
  std::string line;
  while (std::getline(in, line)) {
    auto c1 = line.find(':'), c2 = line.find(':', c1 + 1);
    std::string ctrl = line.substr(c1 + 1, c2 - c1 - 1), path = line.substr(c2 + 1);
    if (ctrl.rfind("name=", 0) == 0) continue;
    fs::path base =
        ctrl.empty() ? fs::path("/sys/fs/cgroup/unified") : fs::path("/sys/fs/cgroup/" + ctrl);
    if (ctrl.empty() && !fs::exists(base / "cgroup.procs")) base = "/sys/fs/cgroup";
    out.push_back(base / fs::path(path).relative_path());
  }
  return out;
}

int count_dirs(const fs::path& dir) {
  std::error_code ec;
  int n = 0;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    n += it->is_directory(ec);
  return n;
}

class Pipeline : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (::geteuid() != 0) return;
    std::string tmpl = (fs::temp_directory_path() / "tc-exec-it-XXXXXX").string();
    root_ = ::mkdtemp(tmpl.data());
    ::chmod(root_.c_str(), 0711);
    fs::create_directory(root_ / "runs");
    ::chmod((root_ / "runs").c_str(), 0711);
    cgroup_parent_ = "tc-exec-it-" + std::to_string(::getpid());
    ExecutorConfig c;
    c.languages_dir = TC_LANGUAGES_DIR;
    c.work_root = (root_ / "work").string();
    c.tinycontainer_path = TC_BINARY;
    c.runtime_dir = (root_ / "runs").string();
    c.cgroup_parent = cgroup_parent_;
    c.uid_base = private_uid_base();
    auto e = make_executor(c);
    if (!e) {
      setup_error_ = e.error().describe();
      return;
    }
    executor_ = std::move(*e);
  }
  static void TearDownTestSuite() {
    executor_.reset();
    for (const auto& d : own_cgroup_dirs()) ::rmdir((d / cgroup_parent_).c_str());
    if (!root_.empty()) fs::remove_all(root_);
  }
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root (sandboxes with cgroup limits)";
    ASSERT_TRUE(executor_) << setup_error_;
  }

  static ExecutionResult run(ExecutionRequest r) {
    auto res = executor_->execute(r);
    EXPECT_TRUE(res) << res.error().describe();
    return res ? *res : ExecutionResult{};
  }
  static ExecutionResult run(std::string lang, std::string name, std::string code,
                             std::vector<std::string> stdins = {}) {
    ExecutionRequest r;
    r.language = std::move(lang);
    r.files = {{std::move(name), std::move(code)}};
    for (auto& s : stdins) r.cases.push_back({std::move(s)});
    return run(std::move(r));
  }
  static bool installed(const std::string& name) {
    for (const auto& l : executor_->languages())
      if (l.name == name) return true;
    return false;
  }

  static inline fs::path root_;
  static inline std::string cgroup_parent_;
  static inline std::string setup_error_;
  static inline std::unique_ptr<Executor> executor_;
};

struct Hello {
  const char* language;
  const char* file;
  const char* code;
};

TEST_F(Pipeline, EveryShippedLanguageSaysHello) {
  const std::vector<Hello> hellos{
      {"python3", "main.py", "print('hello, world')\n"},
      {"c", "main.c", "#include <stdio.h>\nint main(void){puts(\"hello, world\");}\n"},
      {"cpp", "main.cpp", "#include <iostream>\nint main(){std::cout<<\"hello, world\\n\";}\n"},
      {"javascript", "main.js", "console.log('hello, world')\n"},
      {"bash", "main.sh", "echo hello, world\n"},
      {"wasm", "main.c", "#include <stdio.h>\nint main(void){puts(\"hello, world\");}\n"}};
  for (const auto& h : hellos) {
    if (!installed(h.language)) {
      ADD_FAILURE() << h.language << " is not installed here (scripts/install-deps.sh)";
      continue;
    }
    auto r = run(h.language, h.file, h.code);
    EXPECT_EQ(r.status, Status::ok)
        << h.language << ": " << (r.compile ? r.compile->stderr_stream.data : "")
        << (r.runs.empty() ? "" : r.runs[0].reason + r.runs[0].stderr_stream.data);
    ASSERT_EQ(r.runs.size(), 1u) << h.language;
    EXPECT_EQ(r.runs[0].stdout_stream.data, "hello, world\n") << h.language;
    EXPECT_EQ(r.language, h.language);
    EXPECT_FALSE(r.version.empty());
  }
}

TEST_F(Pipeline, LanguagesAreSortedWithVersions) {
  auto list = executor_->languages();
  ASSERT_FALSE(list.empty());
  for (std::size_t i = 1; i < list.size(); ++i) EXPECT_LT(list[i - 1].name, list[i].name);
  for (const auto& l : list) {
    EXPECT_FALSE(l.version.empty()) << l.name;
    EXPECT_EQ(l.compiled, l.default_compile_limits.wall_seconds.has_value()) << l.name;
  }
}

TEST_F(Pipeline, CompileErrorHasNoRuns) {
  auto r = run("c", "main.c", "int main(void) { return undefined_name; }\n");
  EXPECT_EQ(r.status, Status::compile_error);
  ASSERT_TRUE(r.compile);
  EXPECT_EQ(r.compile->status, Status::runtime_error);
  EXPECT_NE(r.compile->stderr_stream.data.find("undefined_name"), std::string::npos);
  EXPECT_TRUE(r.runs.empty());
}

TEST_F(Pipeline, RuntimeErrorKeepsTheExitCode) {
  auto r = run("python3", "main.py", "import sys\nprint('before')\nsys.exit(3)\n");
  EXPECT_EQ(r.status, Status::runtime_error);
  ASSERT_EQ(r.runs.size(), 1u);
  EXPECT_EQ(r.runs[0].exit_code, 3);
  EXPECT_EQ(r.runs[0].stdout_stream.data, "before\n");
}

TEST_F(Pipeline, TimeLimitByWallAndByCpu) {
  ExecutionRequest r;
  r.language = "python3";
  r.files = {{"main.py", "while True: pass\n"}};
  r.run_limits.wall_seconds = 1;
  auto res = run(r);
  EXPECT_EQ(res.status, Status::time_limit);
  r.run_limits.wall_seconds = 10;
  r.run_limits.cpu_seconds = 0.3;
  res = run(r);
  EXPECT_EQ(res.status, Status::time_limit);
  ASSERT_EQ(res.runs.size(), 1u);
  EXPECT_EQ(res.runs[0].reason, "cpu");
  EXPECT_LT(res.runs[0].usage.wall_seconds, 5.0);
}

TEST_F(Pipeline, MemoryLimit) {
  ExecutionRequest r;
  r.language = "c";
  r.files = {{"main.c",
              "#include <stdlib.h>\n#include <string.h>\n"
              "int main(void){for(;;){char*p=malloc(1<<20);if(!p)return 9;memset(p,1,1<<20);}}\n"}};
  r.run_limits.memory_bytes = 32ull << 20;
  auto res = run(r);
  EXPECT_EQ(res.status, Status::memory_limit);
}

TEST_F(Pipeline, OutputLimit) {
  ExecutionRequest r;
  r.language = "bash";
  r.files = {{"main.sh", "while :; do echo xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx; done\n"}};
  r.run_limits.output_bytes = 1024;
  auto res = run(r);
  EXPECT_EQ(res.status, Status::output_limit);
  ASSERT_EQ(res.runs.size(), 1u);
  EXPECT_TRUE(res.runs[0].stdout_stream.truncated);
  EXPECT_EQ(res.runs[0].stdout_stream.data.size(), 1024u);
}

TEST_F(Pipeline, SeveralTestCasesRunInOrderWithTheirOwnStdin) {
  const char* code =
      "#include <stdio.h>\nint main(void){long a,b;if(scanf(\"%ld %ld\",&a,&b)!=2)return 2;"
      "printf(\"%ld\\n\",a+b);return 0;}\n";
  auto r = run("c", "main.c", code, {"1 2\n", "40 2\n", "oops\n", "5 5\n"});
  ASSERT_EQ(r.runs.size(), 4u);
  EXPECT_EQ(r.runs[0].stdout_stream.data, "3\n");
  EXPECT_EQ(r.runs[1].stdout_stream.data, "42\n");
  EXPECT_EQ(r.runs[2].exit_code, 2);
  EXPECT_EQ(r.runs[3].stdout_stream.data, "10\n");
  EXPECT_EQ(r.status, Status::runtime_error);  // the first non-ok run's
}

TEST_F(Pipeline, SecondIdenticalSubmissionHitsTheCompileCache) {
  const std::string code =
      "#include <stdio.h>\nint main(void){puts(\"cached " + std::to_string(::getpid()) + "\");}\n";
  auto first = run("c", "main.c", code);
  ASSERT_EQ(first.status, Status::ok);
  EXPECT_EQ(first.compile->reason, "");
  auto second = run("c", "main.c", code);
  ASSERT_EQ(second.status, Status::ok);
  EXPECT_EQ(second.compile->reason, "compile cache hit");
  EXPECT_EQ(second.runs[0].stdout_stream.data, first.runs[0].stdout_stream.data);
  auto other = run("c", "main.c", code + "\n");  // one byte more: a different entry
  EXPECT_EQ(other.compile->reason, "");
}

TEST_F(Pipeline, ArgsAndSeveralFiles) {
  ExecutionRequest r;
  r.language = "python3";
  r.files = {{"main.py", "import sys\nfrom lib import helper\nprint(helper.twice(sys.argv[1]))\n"},
             {"lib/__init__.py", ""},
             {"lib/helper.py", "def twice(s):\n    return s + s\n"}};
  r.args = {"ab"};
  auto res = run(r);
  ASSERT_EQ(res.status, Status::ok) << res.runs[0].stderr_stream.data;
  EXPECT_EQ(res.runs[0].stdout_stream.data, "abab\n");
}

TEST_F(Pipeline, SignaledProgram) {
  auto r = run("c", "main.c", "#include <signal.h>\nint main(void){raise(SIGSEGV);return 0;}\n");
  EXPECT_EQ(r.status, Status::signaled);
  ASSERT_EQ(r.runs.size(), 1u);
  EXPECT_EQ(r.runs[0].signal, SIGSEGV);
}

TEST_F(Pipeline, ForbiddenSyscallIsASecurityViolation) {
  auto r = run("c", "main.c",
               "#define _GNU_SOURCE\n#include <sched.h>\n"
               "int main(void){return unshare(CLONE_NEWUSER);}\n");
  EXPECT_EQ(r.status, Status::security_violation);
  ASSERT_EQ(r.runs.size(), 1u);
  EXPECT_EQ(r.runs[0].violation_syscall, "unshare");
}

TEST_F(Pipeline, BadRequestsAreUsageErrorsAndCreateNothing) {
  const fs::path work = root_ / "work";
  const int before = count_dirs(work);
  ExecutionRequest r;
  r.language = "cobol";
  r.files = {{"main.cob", ""}};
  auto res = executor_->execute(r);
  ASSERT_FALSE(res);
  EXPECT_EQ(res.error().phase, Phase::usage);
  EXPECT_NE(res.error().message.find("language"), std::string::npos);
  r.language = "python3";
  r.files = {{"../escape.py", "print(1)"}};
  res = executor_->execute(r);
  ASSERT_FALSE(res);
  EXPECT_NE(res.error().message.find("files[0].name"), std::string::npos);
  EXPECT_EQ(count_dirs(work), before);
}

TEST_F(Pipeline, NothingSurvivesManyRunsIncludingKilledOnes) {
  const auto base = private_uid_base();
  const int mounts_before = [] {
    std::ifstream in("/proc/self/mountinfo");
    return static_cast<int>(std::count(std::istreambuf_iterator<char>(in), {}, '\n'));
  }();
  for (int i = 0; i < 12; ++i) {
    ExecutionRequest r;
    r.language = i % 2 ? "bash" : "c";
    r.files = {{i % 2 ? "main.sh" : "main.c",
                i % 2 ? "(sleep 100 &) ; setsid sleep 100 & echo x\n"
                      : "#include <unistd.h>\nint main(void){if(fork()==0)for(;;)pause();"
                        "return 0;}\n"}};
    if (i % 4 == 3) {  // killed by the wall clock with children alive
      r.files[0].content = "sleep 100 & sleep 100\n";
      r.run_limits.wall_seconds = 0.3;
    }
    run(r);
    EXPECT_EQ(processes_in_uid_range(base), 0) << "after run " << i;
  }
  int run_dirs = 0;  // the seccomp filter cache is meant to stay
  for (const auto& e : fs::directory_iterator(root_ / "runs"))
    run_dirs += e.path().filename() != "seccomp-cache";
  EXPECT_EQ(run_dirs, 0) << "run directories left";
  int request_dirs = 0;
  for (const auto& e : fs::directory_iterator(root_ / "work"))
    request_dirs += e.path().filename().string().starts_with("req-");
  EXPECT_EQ(request_dirs, 0);
  for (const auto& d : own_cgroup_dirs())
    EXPECT_EQ(count_dirs(d / cgroup_parent_), 0) << "run cgroups left in " << d;
  std::ifstream in("/proc/self/mountinfo");
  EXPECT_EQ(static_cast<int>(std::count(std::istreambuf_iterator<char>(in), {}, '\n')),
            mounts_before);
}

TEST_F(Pipeline, ConcurrentExecuteFromThreads) {
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  std::mutex m;
  std::vector<std::string> problems;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int n = 0; n < 3; ++n) {
        ExecutionRequest r;
        r.language = t % 2 ? "python3" : "c";
        const std::string word = "w" + std::to_string(t) + "-" + std::to_string(n);
        r.files = {{t % 2 ? "main.py" : "main.c",
                    t % 2 ? "print('" + word + "')\n"
                          : "#include <stdio.h>\nint main(void){puts(\"" + word + "\");}\n"}};
        auto res = executor_->execute(r);
        std::lock_guard lock(m);
        if (res && res->status == Status::ok && res->runs.size() == 1 &&
            res->runs[0].stdout_stream.data == word + "\n")
          ++ok;
        else
          problems.push_back(res ? std::string(to_string(res->status)) + " " +
                                       (res->runs.empty() ? "" : res->runs[0].reason)
                                 : res.error().describe());
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), 24) << (problems.empty() ? "" : problems.front());
}

}  // namespace
}  // namespace tc::exec
