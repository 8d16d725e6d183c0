// End-to-end tests of `tinycontainer serve` with the real executor and sandboxes: every
// outcome status over HTTP (native and Piston), graceful shutdown on SIGTERM with an
// execution in flight, asynchronous results surviving a restart, and no workspace left.
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <sstream>
#include <nlohmann/json.hpp>

#include "server_process.hpp"

namespace tc::api {
namespace {

using nlohmann::json;
using testing::ServerProcess;
namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/tc-api-e2e-XXXXXX";
    path_ = mkdtemp(tmpl);
  }
  ~TempDir() { fs::remove_all(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

class ApiE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    if (geteuid() != 0) GTEST_SKIP() << "the sandboxes behind the service need root here";
    fs::create_directories(work_);
  }
  std::vector<std::string> args() const {
    std::vector<std::string> a{"--db", dir_.path() + "/results.db", "--work-root", work_, "--workers", "2"};
    if (fs::exists(TC_LANGUAGES_DIR)) a.insert(a.end(), {"--languages-dir", TC_LANGUAGES_DIR});
    return a;
  }
  static json post(int port, const std::string& path, const json& body, int expect = 200) {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(60);
    auto res = c.Post(path, body.dump(), "application/json");
    EXPECT_TRUE(res);
    if (!res) return json();
    EXPECT_EQ(res->status, expect) << res->body;
    return json::parse(res->body, nullptr, false);
  }
  static json run(int port, const std::string& lang, const std::string& source, json extra = json::object()) {
    json body{{"language", lang}, {"files", {{{"content", source}}}}};
    body.update(extra);
    return post(port, "/v1/executions", body);
  }
  // No request directory left: only the executor's persistent compile cache may remain.
  bool work_root_empty() const {
    for (const auto& e : fs::directory_iterator(work_))
      if (e.path().filename() != "compile-cache") {
        ADD_FAILURE() << "left over: " << e.path();
        return false;
      }
    return true;
  }

  TempDir dir_;
  std::string work_ = dir_.path() + "/work";
};

TEST_F(ApiE2E, EveryStatusOverHttp) {
  ServerProcess s(args());
  const int p = s.port();
  auto ok = run(p, "python", "print('hi')");
  EXPECT_EQ(ok["status"], "ok") << ok.dump();
  EXPECT_EQ(ok["runs"][0]["stdout"]["data"], "hi\n");

  auto cases = run(p, "python", "print(int(input())*2)", {{"cases", {{{"stdin", "2"}}, {{"stdin", "21"}}}}});
  ASSERT_EQ(cases["runs"].size(), 2U) << cases.dump();
  EXPECT_EQ(cases["runs"][1]["stdout"]["data"], "42\n");

  auto ce = run(p, "c", "int main( { return 0; }");
  EXPECT_EQ(ce["status"], "compile_error") << ce.dump();
  EXPECT_TRUE(ce["runs"].empty());
  EXPECT_FALSE(ce["compile"]["stderr"]["data"].get<std::string>().empty());

  auto rte = run(p, "python", "import sys; sys.exit(3)");
  EXPECT_EQ(rte["status"], "runtime_error") << rte.dump();
  EXPECT_EQ(rte["runs"][0]["exit_code"], 3);

  auto tle = run(p, "python", "while True: pass", {{"run_limits", {{"wall_seconds", 1}, {"cpu_seconds", 1}}}});
  EXPECT_EQ(tle["status"], "time_limit") << tle.dump();

  auto mle = run(p, "python", "x = bytearray(400 * 1024 * 1024)\nprint(len(x))",
                 {{"run_limits", {{"memory_bytes", "64MiB"}}}});
  EXPECT_EQ(mle["status"], "memory_limit") << mle.dump();

  auto ole = run(p, "python", "print('x' * 100000)", {{"run_limits", {{"output_bytes", 1024}}}});
  EXPECT_EQ(ole["status"], "output_limit") << ole.dump();
  EXPECT_TRUE(ole["runs"][0]["stdout"]["truncated"]);

  auto c_ok = run(p, "c", "#include <stdio.h>\nint main(void){puts(\"hello\");return 0;}");
  EXPECT_EQ(c_ok["status"], "ok") << c_ok.dump();
  EXPECT_EQ(c_ok["compile"]["status"], "ok");

  auto piston = post(p, "/api/v2/execute",
                     {{"language", "c"}, {"version", "*"},
                      {"files", {{{"name", "main.c"}, {"content", "#include <stdio.h>\nint main(int c,char**v){printf(\"%d\\n\",c);return 2;}"}}}},
                      {"args", {"a", "b"}}, {"run_timeout", 3000}, {"run_memory_limit", -1}});
  EXPECT_EQ(piston["run"]["stdout"], "3\n") << piston.dump();
  EXPECT_EQ(piston["run"]["code"], 2);
  EXPECT_EQ(piston["compile"]["code"], 0);
  EXPECT_EQ(piston["language"], "c");

  EXPECT_EQ(s.wait_exit(std::chrono::seconds(0)), std::nullopt);  // still serving
  EXPECT_TRUE(work_root_empty());
}

TEST_F(ApiE2E, SigtermDrainsInFlightWork) {
  ServerProcess s(args());
  const int p = s.port();
  auto inflight = std::async(std::launch::async, [p] {
    return run(p, "python", "import time; time.sleep(1.5); print('done')");
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  s.signal(SIGTERM);
  auto result = inflight.get();
  EXPECT_EQ(result["status"], "ok") << result.dump();
  EXPECT_EQ(result["runs"][0]["stdout"]["data"], "done\n");
  EXPECT_EQ(s.wait_exit(std::chrono::seconds(20)), 0);
  EXPECT_TRUE(work_root_empty());
}

TEST_F(ApiE2E, AsyncResultSurvivesRestart) {
  std::string id;
  {
    ServerProcess s(args());
    auto accepted = post(s.port(), "/v1/executions",
                         {{"language", "python"}, {"files", {{{"content", "print(6*7)"}}}}, {"async", true}}, 202);
    id = accepted["id"];
    httplib::Client c("127.0.0.1", s.port());
    json got;
    for (int i = 0; i < 300; ++i) {
      got = json::parse(c.Get("/v1/executions/" + id)->body);
      if (got["state"] == "done") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_EQ(got["state"], "done");
    s.signal(SIGTERM);
    EXPECT_EQ(s.wait_exit(std::chrono::seconds(20)), 0);
  }
  ServerProcess again(args());
  httplib::Client c("127.0.0.1", again.port());
  auto res = c.Get("/v1/executions/" + id);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  auto j = json::parse(res->body);
  EXPECT_EQ(j["result"]["status"], "ok");
  EXPECT_EQ(j["result"]["runs"][0]["stdout"]["data"], "42\n");
}

// The pooled supervisors (`tinycontainer run --command-fd 3 ...`) that `parent` started.
std::vector<pid_t> pooled_children(pid_t parent) {
  std::vector<pid_t> out;
  for (const auto& e : fs::directory_iterator("/proc")) {
    const std::string name = e.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(e.path() / "stat");
    std::string line;
    std::getline(stat, line);
    const auto close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 2));
    char state = 0;
    pid_t ppid = 0;
    rest >> state >> ppid;
    if (ppid != parent) continue;
    std::ifstream cmd(e.path() / "cmdline");
    std::string args((std::istreambuf_iterator<char>(cmd)), std::istreambuf_iterator<char>());
    if (args.find("--command-fd") != std::string::npos) out.push_back(std::stoi(name));
  }
  return out;
}

TEST_F(ApiE2E, WarmPoolServesRequestsAndLeavesNothing) {
  std::vector<pid_t> pooled;
  {
    ServerProcess s(args());  // --warm-pool 1 by default
    const int p = s.port();
    httplib::Client c("127.0.0.1", p);
    auto metric = [&c](const std::string& name) {
      auto m = c.Get("/metrics");
      if (!m) return -1;
      auto at = m->body.find("\n" + name + " ");
      return at == std::string::npos ? -1 : std::stoi(m->body.substr(at + name.size() + 2));
    };
    // Sandboxes build at SCHED_IDLE: wait until every warmed-up one is built (2 per shape).
    auto all_built = [&] {
      for (int i = 0; i < 2000; ++i) {
        const int idle = metric("tc_warm_pool_idle");
        if (idle >= 2 && metric("tc_warm_pool_ready") == idle) return idle;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      return -1;
    };
    const int idle = all_built();
    ASSERT_GE(idle, 2);
    for (int i = 0; i < 4; ++i) {
      auto r = run(p, "python", "import os; print(os.getpid())");
      EXPECT_EQ(r["status"], "ok") << r.dump();
      EXPECT_EQ(r["runs"][0]["stdout"]["data"], "2\n");  // pid 2 of its own, fresh sandbox
      for (int j = 0; j < 200 && metric("tc_warm_pool_idle") < idle; ++j)  // refill started
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      EXPECT_EQ(all_built(), idle);
    }
    EXPECT_EQ(metric("tc_warm_pool_steps_total{result=\"hit\"}"), 4);
    EXPECT_EQ(metric("tc_warm_pool_steps_total{result=\"miss\"}"), 0);
    pooled = pooled_children(s.pid());
    EXPECT_FALSE(pooled.empty());
    s.signal(SIGTERM);
    EXPECT_EQ(s.wait_exit(std::chrono::seconds(20)), 0);
  }
  for (pid_t pid : pooled) EXPECT_FALSE(fs::exists("/proc/" + std::to_string(pid))) << pid;
  EXPECT_TRUE(work_root_empty());
}

TEST_F(ApiE2E, PrebuiltSandboxesCleanUpWhenTheServerIsKilled) {
  std::vector<pid_t> pooled;
  {
    ServerProcess s(args());
    for (int i = 0; i < 100 && pooled.empty(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      pooled = pooled_children(s.pid());
    }
    ASSERT_FALSE(pooled.empty());
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // built, waiting
    s.signal(SIGKILL);
    s.wait_exit(std::chrono::seconds(20));
  }
  // Their command sockets reached EOF: each cancels, tears its sandbox down and exits.
  for (pid_t pid : pooled) {
    const std::string proc = "/proc/" + std::to_string(pid);
    for (int i = 0; i < 500 && fs::exists(proc); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_FALSE(fs::exists(proc)) << pid << " outlived the server";
  }
}

}  // namespace
}  // namespace tc::api
