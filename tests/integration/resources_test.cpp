// Integration: resource limits, usage figures, capabilities, rootless mode and crash
// cleanup of `tinycontainer run`, always through the real CLI. Hostile workloads run only
// with limits set (--memory, --pids, --cpu-time, --wall-time).
#include <gtest/gtest.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "cli_runner.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using tc::test::CliResult;

constexpr std::uint64_t kMiB = 1 << 20;

// The directories of the test process's own cgroups (the CLI's run cgroups go below them).
std::vector<fs::path> own_cgroup_dirs() {
  std::vector<fs::path> dirs;
  std::ifstream in("/proc/self/cgroup");
  std::string line;
  while (std::getline(in, line)) {
    auto c1 = line.find(':'), c2 = line.find(':', c1 + 1);
    std::string controllers = line.substr(c1 + 1, c2 - c1 - 1);
    std::string path = line.substr(c2 + 1);
    for (const char* c : {"memory", "pids", "cpu", "cpuacct", "freezer"}) {
      fs::path d = fs::path("/sys/fs/cgroup") / c / path.substr(1);
      if (controllers.find(c) != std::string::npos && fs::is_directory(d)) dirs.push_back(d);
    }
    if (controllers.empty()) {
      for (const char* root : {"/sys/fs/cgroup/unified", "/sys/fs/cgroup"}) {
        fs::path d = fs::path(root) / path.substr(1);
        if (fs::exists(fs::path(root) / "cgroup.controllers") && fs::is_directory(d))
          dirs.push_back(d);
      }
    }
  }
  return dirs;
}

// Names "tc-<pid>-..." of run cgroups or run dirs that a CLI with this pid left behind.
std::vector<std::string> leftovers_of(pid_t pid, const std::vector<fs::path>& parents) {
  std::vector<std::string> found;
  const std::string prefix = "tc-" + std::to_string(pid) + "-";
  for (const auto& p : parents) {
    std::error_code ec;
    for (fs::directory_iterator it(p, ec), end; !ec && it != end; it.increment(ec))
      if (it->path().filename().string().rfind(prefix, 0) == 0)
        found.push_back(it->path().string());
  }
  return found;
}

class Resources : public ::testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root: cgroups and the full id map";
    dir_ = tc::test::scratch_dir();
    runtime_ = dir_ / "rt";
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  // `tinycontainer run --json -q --runtime-dir R OPTS -- sh -c SCRIPT`, then checks that
  // neither a run cgroup nor a run directory of this CLI process is left.
  CliResult run(const std::string& script, std::vector<std::string> opts, int as_uid = -1) {
    std::vector<std::string> args{"run", "--json", "-q", "--runtime-dir", runtime_.string()};
    args.insert(args.end(), opts.begin(), opts.end());
    args.insert(args.end(), {"--", "/bin/sh", "-c", script});
    fs::path out = dir_ / "io";
    fs::create_directories(out);
    pid_t pid = tc::test::start_cli(args, out, as_uid);
    CliResult r = tc::test::finish_cli(pid, out);
    auto parents = own_cgroup_dirs();
    parents.push_back(runtime_);
    EXPECT_TRUE(leftovers_of(pid, parents).empty())
        << "left behind: " << leftovers_of(pid, parents)[0];
    return r;
  }
  fs::path dir_;
  fs::path runtime_;
};

double cpu_seconds(const nlohmann::json& j) {
  return j["usage"]["user_seconds"].get<double>() + j["usage"]["sys_seconds"].get<double>();
}

TEST_F(Resources, MemoryBombIsMemoryLimitWithPeak) {
  auto r = run("exec python3 -c 'a = []\nwhile True: a.append(b\"x\" * (1 << 20))'",
               {"--memory", "64MiB", "--wall-time", "20s"});
  auto j = r.json();
  EXPECT_EQ(j["status"], "memory_limit") << r.out;
  EXPECT_EQ(j["reason"], "oom");
  EXPECT_EQ(r.exit_code, 122);
  ASSERT_TRUE(j["usage"].contains("peak_memory_bytes")) << r.out;
  const auto peak = j["usage"]["peak_memory_bytes"].get<std::uint64_t>();
  EXPECT_GE(peak, 60 * kMiB);
  EXPECT_LE(peak, 64 * kMiB);
  EXPECT_TRUE(j["limits_not_enforced"].empty()) << r.out;
}

TEST_F(Resources, PeakMemoryIsWithinTenPercentOfAKnownAllocation) {
  // 200 MiB written by one bytes object; the interpreter itself adds a few MiB.
  auto r = run("exec python3 -c 'b = b\"x\" * (200 << 20); print(len(b))'", {"--memory", "512MiB"});
  auto j = r.json();
  ASSERT_EQ(j["status"], "ok") << r.out << r.err;
  const double peak = j["usage"]["peak_memory_bytes"].get<double>();
  std::cout << "peak for a 200 MiB allocation: " << peak / kMiB << " MiB\n";
  EXPECT_GE(peak, 200.0 * kMiB);
  EXPECT_LE(peak, 220.0 * kMiB);
}

TEST_F(Resources, ForkBombIsContainedAndTheRunEndsCleanly) {
  auto start = std::chrono::steady_clock::now();
  // Every process forks forever; a refused fork waits 10 ms and tries again.
  auto r =
      run("exec python3 -c 'import os, time\nwhile True:\n  try: os.fork()\n  except "
          "OSError: time.sleep(0.01)'",
          {"--pids", "64", "--wall-time", "2s"});
  auto elapsed = std::chrono::steady_clock::now() - start;
  auto j = r.json();
  EXPECT_EQ(j["status"], "time_limit") << r.out;
  EXPECT_EQ(j["reason"], "wall");
  EXPECT_LT(elapsed, 15s);
  ASSERT_TRUE(j["usage"].contains("peak_pids")) << r.out;
  EXPECT_LE(j["usage"]["peak_pids"].get<std::uint64_t>(), 64u);
  EXPECT_GT(j["usage"]["peak_pids"].get<std::uint64_t>(), 8u);
}

TEST_F(Resources, BusyLoopHitsTheCpuTimeBudget) {
  auto start = std::chrono::steady_clock::now();
  auto r = run("while :; do :; done", {"--cpu-time", "300ms", "--wall-time", "30s"});
  auto elapsed = std::chrono::steady_clock::now() - start;
  auto j = r.json();
  EXPECT_EQ(j["status"], "time_limit") << r.out;
  EXPECT_EQ(j["reason"], "cpu");
  EXPECT_EQ(r.exit_code, 124);
  EXPECT_GE(cpu_seconds(j), 0.3);
  EXPECT_LT(cpu_seconds(j), 1.0);  // one 20 ms tick of overshoot per CPU, plus slack
  EXPECT_LT(elapsed, 25s);
}

TEST_F(Resources, HalfACpuIsReflectedInUsage) {
  const std::string two_loops = "while :; do :; done & while :; do :; done";
  // Reference over the same kind of window: what this shared host gives two busy loops.
  auto ref = run(two_loops, {"--wall-time", "1s"}).json();
  auto r = run(two_loops, {"--cpus", "0.5", "--wall-time", "1s"});
  auto j = r.json();
  ASSERT_EQ(j["status"], "time_limit") << r.out;
  const double used = cpu_seconds(j) / j["usage"]["wall_seconds"].get<double>();
  const double reference = cpu_seconds(ref) / ref["usage"]["wall_seconds"].get<double>();
  std::cout << "--cpus 0.5: " << used << " CPU over 1 s (unthrottled reference " << reference
            << ")\n";
  EXPECT_LE(used, 0.75);  // the quota holds whatever the load
  if (reference < 0.8)
    GTEST_SKIP() << "host too loaded (reference " << reference
                 << " CPU) to expect the quota to be reached; upper bound checked";
  EXPECT_GE(used, 0.25);
}

TEST_F(Resources, ToolchainsRunUnderTheDefaultLimits) {
  // The defaults (512 MiB, 256 pids, default seccomp profile) must not break them.
  const std::string script =
      "printf '#include <stdio.h>\\nint main(){puts(\"c\");}' > /tmp/a.c && gcc -O2 /tmp/a.c "
      "-o /tmp/a && /tmp/a && printf '#include <iostream>\\n#include <thread>\\nint main(){"
      "std::thread t([]{std::cout<<\"cxx\\\\n\";}); t.join();}' > /tmp/b.cpp && g++ -O2 "
      "/tmp/b.cpp -o /tmp/b && /tmp/b && python3 -c 'import multiprocessing as m\nwith "
      "m.Pool(4) as p: print(sum(p.map(abs, range(100))))' && if command -v node >/dev/null; "
      "then node -e 'console.log(40 + 2)'; else echo 42; fi";
  auto r = run(script, {"--wall-time", "60s"});
  auto j = r.json();
  ASSERT_EQ(j["status"], "ok") << r.out << r.err;
  EXPECT_EQ(j["stdout"]["data"], "c\ncxx\n4950\n42\n");
  EXPECT_LT(j["usage"]["peak_memory_bytes"].get<std::uint64_t>(), 512 * kMiB);
}

TEST_F(Resources, JsonHasTheCgroupFigures) {
  auto r = run("true", {"--memory", "128MiB", "--pids", "32", "--cpu-weight", "200",
                        "--require-limits"});  // all enforceable as root: runs
  auto j = r.json();
  ASSERT_EQ(j["status"], "ok") << r.out << r.err;
  EXPECT_TRUE(j["usage"].contains("peak_memory_bytes"));
  EXPECT_TRUE(j["usage"].contains("peak_pids"));
  EXPECT_TRUE(j["usage"].contains("user_seconds"));
  EXPECT_TRUE(j["limits_not_enforced"].is_array());
  EXPECT_TRUE(j["limits_not_enforced"].empty());
}

// The controller lines ("N:controllers:/path") of a /proc/<pid>/cgroup text, by controller.
std::vector<std::pair<std::string, std::string>> cgroup_lines(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    auto a = line.find(':');
    auto b = a == std::string::npos ? a : line.find(':', a + 1);
    if (b != std::string::npos) out.emplace_back(line.substr(a + 1, b - a - 1), line.substr(b + 1));
  }
  return out;
}

// v1: the workload joins the run cgroup itself (through `tasks` fds) and, in its cgroup
// namespace, sees it as "/"; init stays outside (its path lies above the namespace root), so
// the run cgroup is empty as soon as the workload's processes are gone.
TEST_F(Resources, WorkloadJoinsTheRunCgroupAndInitStaysOutside) {
  auto r = run("cat /proc/self/cgroup; echo ---; cat /proc/1/cgroup", {"--memory", "64MiB"});
  auto j = r.json();
  ASSERT_EQ(j["status"], "ok") << r.out << r.err;
  const std::string text = j["stdout"]["data"];
  const auto split = text.find("---\n");
  ASSERT_NE(split, std::string::npos) << text;
  auto self = cgroup_lines(text.substr(0, split));
  auto init = cgroup_lines(text.substr(split + 4));
  int checked = 0;
  for (const auto& [ctrl, path] : self)
    if (ctrl == "memory" || ctrl == "pids") {
      EXPECT_EQ(path, "/") << text;
      ++checked;
    }
  if (!fs::exists("/sys/fs/cgroup/memory/tasks")) GTEST_SKIP() << "no cgroup v1 memory hierarchy";
  EXPECT_EQ(checked, 2) << text;
  for (const auto& [ctrl, path] : init) {
    if (ctrl == "memory" || ctrl == "pids") {
      EXPECT_EQ(path.rfind("/..", 0), 0u) << text;
    }
  }
}

std::string allowed_cpus(const std::string& status_text) {
  auto at = status_text.find("Cpus_allowed_list:");
  if (at == std::string::npos) return {};
  auto end = status_text.find('\n', at);
  std::string v = status_text.substr(at + 18, end - at - 18);
  v.erase(0, v.find_first_not_of(" \t"));
  return v;
}

// Init is kept off the supervisor's CPU while it builds and tears down (cpu_spread.hpp), but
// the workload always gets the caller's CPUs: all of them, or the one it was restricted to.
TEST_F(Resources, WorkloadGetsTheCallersCpus) {
  std::ifstream in("/proc/self/status");
  std::string own((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto r = run("cat /proc/self/status", {});
  ASSERT_EQ(r.json()["status"], "ok") << r.out << r.err;
  EXPECT_EQ(allowed_cpus(r.json()["stdout"]["data"]), allowed_cpus(own));
  cpu_set_t saved;
  ASSERT_EQ(::sched_getaffinity(0, sizeof saved, &saved), 0);
  if (CPU_COUNT(&saved) < 2) GTEST_SKIP() << "one CPU: nothing is spread";
  cpu_set_t one;
  CPU_ZERO(&one);
  int first = 0;
  while (!CPU_ISSET(first, &saved)) ++first;
  CPU_SET(first, &one);
  ASSERT_EQ(::sched_setaffinity(0, sizeof one, &one), 0);  // the CLI inherits it
  auto narrowed = run("cat /proc/self/status", {});
  ::sched_setaffinity(0, sizeof saved, &saved);
  ASSERT_EQ(narrowed.json()["status"], "ok") << narrowed.out << narrowed.err;
  EXPECT_EQ(allowed_cpus(narrowed.json()["stdout"]["data"]), std::to_string(first));
}

TEST_F(Resources, BadLimitsAreUsageErrors) {
  for (std::vector<std::string> bad : {std::vector<std::string>{"--memory", "lots"},
                                       {"--pids", "0"},
                                       {"--pids", "-1"},
                                       {"--cpus", "0"},
                                       {"--cpus", "x"},
                                       {"--cpu-weight", "0"},
                                       {"--cpu-weight", "10001"},
                                       {"--cpu-time", "soon"},
                                       {"--cgroup-parent", "../escape"}}) {
    auto r = run("true", bad);
    EXPECT_EQ(r.exit_code, 2) << bad[0] << " " << bad[1] << ": " << r.err;
    EXPECT_NE(r.err.find(bad[0] == "--cgroup-parent" ? "" : bad[0].c_str()), std::string::npos)
        << r.err;
  }
}

TEST_F(Resources, CgroupParentIsUsedAndRemoved) {
  auto r = run("cat /proc/self/cgroup", {"--cgroup-parent", "tc-it-parent"});
  ASSERT_EQ(r.json()["status"], "ok") << r.out << r.err;
  // Inside, the cgroup namespace hides the path; outside, the parent exists below ours.
  bool seen = false;
  for (const auto& d : own_cgroup_dirs()) {
    if (fs::is_directory(d / "tc-it-parent")) {
      seen = true;
      EXPECT_TRUE(fs::is_empty(d / "tc-it-parent") ||
                  std::all_of(fs::directory_iterator(d / "tc-it-parent"), fs::directory_iterator(),
                              [](const auto& e) { return !e.is_directory(); }));
      fs::remove(d / "tc-it-parent");
    }
  }
  EXPECT_TRUE(seen);
}

TEST_F(Resources, CapAddKeepsExactlyThatCapability) {
  auto r = run("grep -E '^Cap(Eff|Prm|Bnd|Amb|Inh)' /proc/self/status",
               {"--cap-add", "CAP_NET_BIND_SERVICE"});
  auto j = r.json();
  ASSERT_EQ(j["status"], "ok") << r.out << r.err;
  const std::string out = j["stdout"]["data"].get<std::string>();
  for (const char* set : {"CapEff", "CapPrm", "CapBnd", "CapAmb", "CapInh"})
    EXPECT_NE(out.find(std::string(set) + ":\t0000000000000400"), std::string::npos)
        << set << " in\n"
        << out;
  auto none = run("grep CapEff /proc/self/status", {}).json();
  EXPECT_NE(none["stdout"]["data"].get<std::string>().find("CapEff:\t0000000000000000"),
            std::string::npos);
}

TEST_F(Resources, UnknownOrDisallowedCapIsAUsageError) {
  for (std::string cap : {"CAP_SYS_ADMIN", "CAP_NOPE", "sys_ptrace"}) {
    auto r = run("true", {"--cap-add", cap});
    EXPECT_EQ(r.exit_code, 2) << cap;
    std::string upper = cap;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_NE(r.err.find(upper), std::string::npos) << r.err;
  }
}

TEST_F(Resources, KilledCliLeftoversAreReapedByTheNextStart) {
  fs::path io = dir_ / "killed";
  fs::create_directories(io);
  pid_t cli = tc::test::start_cli(
      {"run", "-q", "--runtime-dir", runtime_.string(), "--memory", "64MiB", "--", "sleep", "30"},
      io);
  auto parents = own_cgroup_dirs();
  parents.push_back(runtime_);
  auto deadline = std::chrono::steady_clock::now() + 10s;
  while (leftovers_of(cli, parents).size() < 2 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(20ms);
  ASSERT_GE(leftovers_of(cli, parents).size(), 2u) << "no run dir + run cgroup appeared";
  ::kill(cli, SIGKILL);
  int status = 0;
  ::waitpid(cli, &status, 0);
  std::this_thread::sleep_for(200ms);  // the sandbox dies with its supervisor
  EXPECT_FALSE(leftovers_of(cli, parents).empty()) << "nothing to reap: test is void";
  auto r = run("true", {"--memory", "64MiB"});
  EXPECT_EQ(r.json()["status"], "ok");
  EXPECT_TRUE(leftovers_of(cli, parents).empty());
}

// ---- rootless: a user created for the test, removed afterwards ---------------------

class Rootless : public ::testing::Test {
 protected:
  static void add_user(const char* name, bool system) {
    std::string cmd = std::string("useradd -M -s /usr/sbin/nologin ") + (system ? "-r " : "") +
                      name + " 2>/dev/null";
    (void)std::system(cmd.c_str());
  }
  static void del_user(const char* name) {
    (void)std::system((std::string("userdel ") + name + " 2>/dev/null").c_str());
  }
  static int uid_of(const char* name) {
    std::string id = "id -u " + std::string(name) + " 2>/dev/null";
    FILE* p = ::popen(id.c_str(), "r");
    int uid = -1;
    if (p && std::fscanf(p, "%d", &uid) != 1) uid = -1;
    if (p) ::pclose(p);
    return uid;
  }
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root to create the test user";
    if (std::system("command -v useradd >/dev/null") != 0) GTEST_SKIP() << "no useradd";
    dir_ = tc::test::scratch_dir();
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  CliResult run_as(int uid, std::vector<std::string> opts, const std::string& script) {
    fs::path rt = dir_ / ("rt-" + std::to_string(uid));
    fs::create_directories(rt);
    ::chmod(rt.c_str(), 0711);
    ::chown(rt.c_str(), uid, uid);
    std::vector<std::string> args{"run", "--json", "-q", "--runtime-dir", rt.string()};
    args.insert(args.end(), opts.begin(), opts.end());
    args.insert(args.end(), {"--", "/bin/sh", "-c", script});
    fs::path out = dir_ / "io";
    fs::create_directories(out);
    ::chown(out.c_str(), uid, uid);
    CliResult r = tc::test::finish_cli(tc::test::start_cli(args, out, uid), out);
    std::error_code ec;
    EXPECT_TRUE(!fs::exists(rt) || std::none_of(fs::directory_iterator(rt),
                                                fs::directory_iterator(), [](const auto& e) {
                                                  return e.path().filename().string().rfind("tc-",
                                                                                            0) == 0;
                                                }));
    return r;
  }
  fs::path dir_;
};

TEST_F(Rootless, SingleIdMappingRunsAndReportsWhatIsNotEnforced) {
  const char* name = "tc-it-rootless";
  del_user(name);
  add_user(name, true);  // a system user: no /etc/subuid range
  int uid = uid_of(name);
  ASSERT_GT(uid, 0);
  auto r = run_as(uid, {"--memory", "64MiB"}, "id -u; cat /proc/self/uid_map");
  auto refused = run_as(uid, {"--memory", "64MiB", "--require-limits"}, "echo ran");
  del_user(name);
  if (r.exit_code == 125 && r.out.find("user namespace") != std::string::npos)
    GTEST_SKIP() << "unprivileged user namespaces unavailable: " << r.out;
  auto j = r.json();
  ASSERT_EQ(j["status"], "ok") << r.out << r.err;
  EXPECT_EQ(j["stdout"]["data"].get<std::string>().substr(0, 2), "0\n");
  std::vector<std::string> missing = j["limits_not_enforced"];
  EXPECT_NE(std::find(missing.begin(), missing.end(), "memory"), missing.end()) << r.out;
  EXPECT_NE(std::find(missing.begin(), missing.end(), "pids"), missing.end()) << r.out;
  // --require-limits: refused before anything runs, with the limits named.
  EXPECT_EQ(refused.exit_code, 125) << refused.out << refused.err;
  auto rj = refused.json();
  EXPECT_EQ(rj["status"], "setup_error");
  EXPECT_NE(rj["reason"].get<std::string>().find("memory"), std::string::npos) << refused.out;
  EXPECT_EQ(rj["stdout"]["data"].get<std::string>().find("ran"), std::string::npos);
}

TEST_F(Rootless, SubordinateIdsLetTheWorkloadRunAsANonRootUid) {
  if (!fs::exists("/usr/bin/newuidmap")) GTEST_SKIP() << "uidmap package not installed";
  const char* name = "tc-it-subids";
  del_user(name);
  add_user(name, false);  // useradd gives a regular user a subordinate range (login.defs)
  int uid = uid_of(name);
  ASSERT_GT(uid, 0);
  auto r = run_as(uid, {"--user", "1000:1000"},
                  "id -u; id -g; pwd; echo x > f && cat f; cat /proc/self/uid_map");
  del_user(name);
  auto j = r.json();
  ASSERT_EQ(j["status"], "ok") << r.out << r.err;
  const std::string out = j["stdout"]["data"];
  EXPECT_EQ(out.substr(0, 17), "1000\n1000\n/tmp\nx\n") << out;
  EXPECT_NE(out.find(std::to_string(uid)), std::string::npos) << out;  // 0 -> caller
}

}  // namespace
