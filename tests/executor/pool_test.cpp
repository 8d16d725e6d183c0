// Integration tests: the warm pool (executor/sandbox_pool.hpp) through the real binary.
// Root + user namespaces needed; otherwise every test skips.
#include "executor/sandbox_pool.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "executor/executor.hpp"
#include "executor/step.hpp"
#include "proc_scan.hpp"

namespace tc::exec {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

std::uint32_t private_uid_base() {
  return 500000000u + static_cast<std::uint32_t>(::getpid() % 50000) * 65536u;
}

// Processes whose parent is this test process (the pool's supervisors).
int our_children() {
  return tc::test::count_own_children();
}

int count_entries(const fs::path& dir) {
  std::error_code ec;
  int n = 0;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    n += it->path().filename().string().rfind("tc-", 0) == 0;
  return n;
}

class Pool : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root (sandboxes with cgroup limits)";
    std::string tmpl = (fs::temp_directory_path() / "tc-pool-it-XXXXXX").string();
    root_ = ::mkdtemp(tmpl.data());
    ::chmod(root_.c_str(), 0711);
    fs::create_directory(root_ / "runs");
    ::chmod((root_ / "runs").c_str(), 0711);
  }
  void TearDown() override {
    if (root_.empty()) return;
    EXPECT_EQ(our_children(), 0) << "a pooled supervisor was not reaped";
    EXPECT_EQ(count_entries(root_ / "runs"), 0) << "a run directory survived";
    fs::remove_all(root_);
  }

  StepSpec step(std::vector<std::string> command, std::uint64_t memory = 256ull << 20) {
    StepSpec s;
    s.tinycontainer = TC_BINARY;
    for (char** e = environ; *e != nullptr; ++e) s.process_env.emplace_back(*e);
    s.command = std::move(command);
    s.limits = StepLimits{5.0, 5.0, memory, 64, 1 << 20};
    s.runtime_dir = (root_ / "runs").string();
    s.uid_base = private_uid_base();
    return s;
  }

  // Until n sandboxes are built (said "ready"); they build at SCHED_IDLE, so allow time.
  static void wait_ready(const SandboxPool& pool, std::size_t n) {
    for (int i = 0; i < 3000 && pool.stats().ready < n; ++i) std::this_thread::sleep_for(10ms);
    ASSERT_GE(pool.stats().ready, n);
  }

  fs::path root_;
};

TEST_F(Pool, RunsAStepInAPrebuiltSandboxAndRefills) {
  SandboxPool pool({1}, {});
  auto s = step({"/bin/sh", "-c", "echo hi; echo err >&2; exit 3"});
  pool.prepare(s);
  wait_ready(pool, 1);
  auto o = pool.run(s);
  ASSERT_TRUE(o);
  EXPECT_EQ(o->status, Status::runtime_error) << o->reason;
  EXPECT_EQ(o->exit_code, 3);
  EXPECT_EQ(o->stdout_stream.data, "hi\n");
  EXPECT_EQ(o->stderr_stream.data, "err\n");
  EXPECT_EQ(pool.stats().hits, 1u);
  wait_ready(pool, 1);  // the background thread built the next one
  EXPECT_EQ(pool.stats().built, 2u);
}

TEST_F(Pool, ASandboxServesOneStepOnly) {
  SandboxPool pool({2}, {});
  auto s =
      step({"/bin/sh", "-c", "ls /tmp /workspace; echo x > /tmp/left; echo y > /workspace/left"});
  pool.prepare(s);
  wait_ready(pool, 2);
  for (int i = 0; i < 3; ++i) {
    auto o = pool.run(s);
    ASSERT_TRUE(o) << i;
    EXPECT_EQ(o->status, Status::ok) << o->reason;
    EXPECT_EQ(o->stdout_stream.data, "/tmp:\n\n/workspace:\n")
        << "run " << i << " saw another's files";
    wait_ready(pool, 1);
  }
}

TEST_F(Pool, GivesTheSameOutcomesAsAColdStart) {
  SandboxPool pool({1}, {});
  std::ofstream(root_ / "in.txt") << "3 4\n";
  const std::vector<std::vector<std::string>> commands{
      {"/bin/sh", "-c", "read a b; echo $((a*b)); cat data.txt; echo $GREETING"},
      {"/bin/sh", "-c", "kill -SEGV $$"},
      {"/bin/sleep", "3"},
      {"/nonexistent-program"},
  };
  for (const auto& cmd : commands) {
    auto s = step(cmd);
    s.stdin_path = (root_ / "in.txt").string();
    s.copy_in = {{root_ / "in.txt", "data.txt"}};
    s.env = {"GREETING=hello"};
    if (cmd[0] == "/bin/sleep") s.limits.wall_seconds = 0.3;
    pool.prepare(s);
    wait_ready(pool, 1);
    auto pooled = pool.run(s);
    ASSERT_TRUE(pooled) << cmd[0];
    Outcome cold = run_step(s);
    EXPECT_EQ(pooled->status, cold.status)
        << cmd.back() << ": " << pooled->reason << " / " << cold.reason;
    EXPECT_EQ(pooled->exit_code, cold.exit_code) << cmd.back();
    EXPECT_EQ(pooled->signal, cold.signal) << cmd.back();
    EXPECT_EQ(pooled->stdout_stream.data, cold.stdout_stream.data) << cmd.back();
  }
}

TEST_F(Pool, OtherShapesMissAndShapesAreLearned) {
  SandboxPool pool({1, 2}, {});
  auto small = step({"/bin/true"}, 128ull << 20);
  EXPECT_FALSE(pool.run(small));  // never seen: a miss, and the shape is learned
  EXPECT_EQ(pool.stats().misses, 1u);
  wait_ready(pool, 1);
  EXPECT_TRUE(pool.run(small));
  wait_ready(pool, 1);  // its replacement (built once the step is over)
  auto big = step({"/bin/true"}, 512ull << 20);
  EXPECT_FALSE(pool.run(big));
  auto third = step({"/bin/true"}, 64ull << 20);
  EXPECT_FALSE(pool.run(third));  // beyond max_shapes 2: the least recently used goes
  wait_ready(pool, 2);
  EXPECT_LE(pool.stats().idle, 2u);
  EXPECT_GE(pool.stats().discarded, 1u);
}

TEST_F(Pool, ASandboxThatFailsToBuildIsDiscardedNotUsed) {
  SandboxPool pool({1}, {});
  auto s = step({"/bin/true"});
  std::ofstream(root_ / "not-a-dir") << "x";
  s.runtime_dir = (root_ / "not-a-dir").string();  // the supervisor refuses it while building
  pool.prepare(s);
  for (int i = 0; i < 300 && pool.stats().built == 0; ++i) std::this_thread::sleep_for(10ms);
  std::this_thread::sleep_for(300ms);  // it has failed and exited by now
  EXPECT_FALSE(pool.run(s));
  EXPECT_EQ(pool.stats().hits, 0u);
  EXPECT_GE(pool.stats().discarded, 1u);
}

TEST_F(Pool, DestructionCancelsIdleSandboxes) {
  {
    SandboxPool pool({2}, {});
    pool.prepare(step({"/bin/true"}));
    wait_ready(pool, 2);
    std::this_thread::sleep_for(200ms);  // built, waiting for a command
    EXPECT_GE(our_children(), 2);
    EXPECT_GE(count_entries(root_ / "runs"), 2);
  }
  // TearDown: no supervisor, sandbox or run directory left.
}

TEST_F(Pool, AnExecutorWithAPoolGivesTheSameResults) {
  ExecutorConfig c;
  c.languages_dir = TC_LANGUAGES_DIR;
  c.tinycontainer_path = TC_BINARY;
  c.runtime_dir = (root_ / "runs").string();
  c.uid_base = private_uid_base();
  c.cache_max_entries = 0;
  ExecutorConfig warm = c;
  warm.work_root = (root_ / "warm").string();
  warm.warm_pool = 1;
  c.work_root = (root_ / "cold").string();
  auto cold_exec = make_executor(c);
  auto warm_exec = make_executor(warm);
  ASSERT_TRUE(cold_exec && warm_exec);
  ExecutionRequest r;
  r.language = "bash";
  r.files = {{"main.sh", "read x; echo \"got $x\"; echo $# \"$1\"\n"}};
  r.args = {"an arg"};
  r.cases = {{"one\n"}, {"two\n"}, {""}};
  std::this_thread::sleep_for(300ms);  // let the warm-up build
  auto a = (*cold_exec)->execute(r);
  auto b = (*warm_exec)->execute(r);
  ASSERT_TRUE(a && b);
  ASSERT_EQ(a->runs.size(), 3u);
  ASSERT_EQ(b->runs.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(a->runs[i].status, b->runs[i].status) << i;
    EXPECT_EQ(a->runs[i].stdout_stream.data, b->runs[i].stdout_stream.data) << i;
  }
  EXPECT_EQ(b->runs[0].stdout_stream.data, "got one\n1 an arg\n");
}

}  // namespace
}  // namespace tc::exec
