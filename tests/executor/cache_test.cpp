// Unit tests: compile cache (keys, store/fetch, eviction, concurrent use) and child
// processes (capture, truncation, timeout).
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "executor/child_process.hpp"
#include "executor/compile_cache.hpp"

namespace tc::exec {
namespace {

namespace fs = std::filesystem;

struct TempDir {
  fs::path path;
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "tc-exec-ut-XXXXXX").string();
    path = ::mkdtemp(tmpl.data());
  }
  ~TempDir() { fs::remove_all(path); }
};

void write(const fs::path& p, const std::string& s) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << s;
}

std::string read(const fs::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(CompileCache, KeyDependsOnEveryFieldAndItsBoundaries) {
  const auto k = CompileCache::key({"c", "12", "main.c", "int main(){}"});
  EXPECT_EQ(k.size(), 64u);
  EXPECT_EQ(k, CompileCache::key({"c", "12", "main.c", "int main(){}"}));
  EXPECT_NE(k, CompileCache::key({"c", "12", "main.c", "int main(){ }"}));
  EXPECT_NE(CompileCache::key({"ab", "c"}), CompileCache::key({"a", "bc"}));
}

TEST(CompileCache, StoreThenFetchGivesTheTreeAndNote) {
  TempDir t;
  auto cache = CompileCache::open(t.path / "cache", {});
  ASSERT_TRUE(cache) << cache.error().message;
  write(t.path / "art/a.out", "binary");
  write(t.path / "art/sub/x", "x");
  fs::create_symlink("a.out", t.path / "art/link");
  const auto key = CompileCache::key({"k"});
  EXPECT_FALSE((*cache)->fetch(key, t.path / "miss"));
  EXPECT_FALSE(fs::exists(t.path / "miss"));
  (*cache)->store(key, t.path / "art", "{note}");
  auto note = (*cache)->fetch(key, t.path / "hit");
  ASSERT_TRUE(note);
  EXPECT_EQ(*note, "{note}");
  EXPECT_EQ(read(t.path / "hit/a.out"), "binary");
  EXPECT_EQ(read(t.path / "hit/sub/x"), "x");
  EXPECT_EQ(fs::read_symlink(t.path / "hit/link"), "a.out");
  EXPECT_EQ((*cache)->entries(), 1u);
  // A second process opening the same directory sees the entry.
  auto again = CompileCache::open(t.path / "cache", {});
  ASSERT_TRUE(again);
  EXPECT_EQ((*again)->entries(), 1u);
  EXPECT_EQ((*again)->bytes(), 7u);
}

TEST(CompileCache, EvictsLeastRecentlyUsedBeyondTheBudget) {
  TempDir t;
  auto cache = CompileCache::open(t.path / "cache", {.max_entries = 3, .max_bytes = 1 << 20});
  ASSERT_TRUE(cache);
  write(t.path / "art/a.out", "12345");
  for (int i = 0; i < 10; ++i) (*cache)->store(CompileCache::key({std::to_string(i)}), t.path / "art", "");
  EXPECT_EQ((*cache)->entries(), 3u);
  int on_disk = 0;
  for (const auto& e : fs::directory_iterator(t.path / "cache")) on_disk += e.is_directory();
  EXPECT_EQ(on_disk, 3);
  // Too big for the byte budget (> 1/4): not stored at all.
  auto small = CompileCache::open(t.path / "small", {.max_entries = 8, .max_bytes = 16});
  ASSERT_TRUE(small);
  (*small)->store(CompileCache::key({"big"}), t.path / "art", "");
  EXPECT_EQ((*small)->entries(), 0u);
}

TEST(CompileCache, ConcurrentStoresAndFetchesOfOneKey) {
  TempDir t;
  auto cache = CompileCache::open(t.path / "cache", {.max_entries = 2, .max_bytes = 1 << 20});
  ASSERT_TRUE(cache);
  write(t.path / "art/a.out", "data");
  std::vector<std::thread> threads;
  std::atomic<int> bad{0};
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&, i] {
      for (int n = 0; n < 20; ++n) {
        const auto key = CompileCache::key({std::to_string(n % 3)});
        const fs::path dest = t.path / ("d" + std::to_string(i) + "-" + std::to_string(n));
        if (auto note = (*cache)->fetch(key, dest)) {
          if (read(dest / "a.out") != "data") ++bad;
        } else {
          if (fs::exists(dest)) ++bad;  // a miss leaves nothing
          (*cache)->store(key, t.path / "art", "");
        }
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(bad.load(), 0);
  EXPECT_LE((*cache)->entries(), 2u);
}

TEST(CompileCache, CloneTreeRefusesDeepNesting) {
  TempDir t;
  fs::path deep = t.path / "src";
  for (int i = 0; i < 40; ++i) deep /= "d";
  fs::create_directories(deep);
  auto r = clone_tree(t.path / "src", t.path / "dst", true);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("nested too deeply"), std::string::npos);
  auto ok = clone_tree(t.path / "src/d/d/d/d/d/d/d/d/d/d", t.path / "ok", false);
  EXPECT_TRUE(ok) << ok.error().message;  // 30 levels below: within the bound
  EXPECT_TRUE(fs::exists(t.path / "ok/d"));
}

TEST(CompileCache, RefusesAnUnsafeDirectory) {
  TempDir t;
  fs::create_directory(t.path / "open");
  ::chmod((t.path / "open").c_str(), 0777);
  EXPECT_FALSE(CompileCache::open(t.path / "open", {}));
}

TEST(ChildProcess, CapturesBothStreamsAndExitCode) {
  CaptureOptions o;
  auto r = run_captured({"/bin/sh", "-c", "echo out; echo err >&2; exit 3"}, o);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->out, "out\n");
  EXPECT_EQ(r->err, "err\n");
  EXPECT_EQ(r->exit_code(), 3);
  EXPECT_FALSE(r->exited_ok());
}

TEST(ChildProcess, TruncatesAndTimesOut) {
  CaptureOptions o;
  o.max_bytes = 10;
  auto r = run_captured({"/bin/sh", "-c", "head -c 100000 /dev/zero"}, o);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->out.size(), 10u);
  EXPECT_TRUE(r->out_truncated);
  o.timeout = std::chrono::milliseconds(200);
  auto start = std::chrono::steady_clock::now();
  r = run_captured({"/bin/sleep", "10"}, o);
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->timed_out);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_FALSE(run_captured({"/nonexistent/tc-prog"}, o));
}

TEST(ChildProcess, StdinFromFileAndProgramLookup) {
  TempDir t;
  write(t.path / "in", "hello");
  CaptureOptions o;
  o.stdin_path = (t.path / "in").string();
  auto r = run_captured({"/bin/cat"}, o);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->out, "hello");
  EXPECT_EQ(find_program("sh", "/nonexistent:/bin"), "/bin/sh");
  EXPECT_EQ(find_program("tc-no-such", "/bin:/usr/bin"), "");
}

}  // namespace
}  // namespace tc::exec

#include "executor/slots.hpp"

namespace tc::exec {
namespace {

TEST(Slots, AtMostMaxHolders) {
  Slots slots(2);
  std::atomic<int> inside{0}, peak{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&] {
      Slots::Slot slot(slots);
      int now = ++inside;
      int p = peak.load();
      while (now > p && !peak.compare_exchange_weak(p, now)) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      --inside;
    });
  for (auto& t : threads) t.join();
  EXPECT_LE(peak.load(), 2);
  EXPECT_GE(peak.load(), 1);
}

}  // namespace
}  // namespace tc::exec
