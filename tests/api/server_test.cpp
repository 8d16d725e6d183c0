// HTTP-level tests of the service against a scripted executor (fake_executor.hpp): routes,
// validation, auth, 413, overload (429 + Retry-After), graceful shutdown (drain + 503),
// asynchronous results surviving a restart, retention, metrics. Loopback only.
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>
#include <unistd.h>

#include "api/result_store.hpp"
#include "api/server.hpp"
#include "api/work_queue.hpp"
#include "fake_executor.hpp"

namespace tc::api {
namespace {

using nlohmann::json;

class Running {
 public:
  Running(ServerConfig config, exec::Executor& executor) {
    config.port = 0;
    auto s = Server::create(config, executor);
    if (!s) throw std::runtime_error(s.error().describe());
    server_ = std::move(*s);
    thread_ = std::thread([this] { (void)server_->run(); });
    httplib::Client probe("127.0.0.1", server_->port());
    for (int i = 0; i < 200 && !probe.Get("/healthz"); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~Running() { stop(); }
  void stop() {
    if (!server_) return;
    server_->shutdown();
    thread_.join();
    server_.reset();
  }
  Server& server() { return *server_; }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", server_->port());
    c.set_read_timeout(30);
    return c;
  }

 private:
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

constexpr const char* kHello = R"~({"language":"python","files":[{"name":"main.py","content":"print(1)"}]})~";

std::string body_with(std::string_view source) {
  return json{{"language", "python"}, {"files", {{{"content", source}}}}}.dump();
}

TEST(ApiServer, HealthLanguagesAndRuntimes) {
  testing::FakeExecutor fake;
  Running r(ServerConfig{}, fake);
  auto c = r.client();
  auto h = c.Get("/healthz");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->status, 200);
  auto l = c.Get("/v1/languages");
  ASSERT_TRUE(l);
  auto lj = json::parse(l->body);
  ASSERT_EQ(lj["languages"].size(), 2U);
  EXPECT_EQ(lj["languages"][0]["name"], "c");
  EXPECT_EQ(lj["languages"][0]["compiled"], true);
  auto rt = c.Get("/api/v2/runtimes");
  ASSERT_TRUE(rt);
  auto rj = json::parse(rt->body);
  EXPECT_EQ(rj[1]["language"], "python");
  EXPECT_EQ(rj[1]["version"], "3.11.2");
  EXPECT_EQ(rj[1]["aliases"][0], "py");
  auto nf = c.Get("/nope");
  ASSERT_TRUE(nf);
  EXPECT_EQ(nf->status, 404);
  EXPECT_EQ(json::parse(nf->body)["error"], "http_error");
}

TEST(ApiServer, SynchronousExecutionAndClamping) {
  testing::FakeExecutor fake;
  Running r(ServerConfig{}, fake);
  auto c = r.client();
  auto res = c.Post("/v1/executions",
                    R"~({"language":"python","files":[{"content":"x"}],"run_limits":{"wall_seconds":1000,"pids":2}})~",
                    "application/json");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  auto j = json::parse(res->body);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["language"], "python");
  EXPECT_TRUE(j["compile"].is_null());
  EXPECT_EQ(j["runs"][0]["stdout"]["data"], "hello\n");
  const auto last = fake.last_request();
  EXPECT_DOUBLE_EQ(*last.run_limits.wall_seconds, 10.0);  // clamped to the server maximum
  EXPECT_DOUBLE_EQ(*last.run_limits.cpu_seconds, 10.0);   // filled with the maximum
  EXPECT_EQ(*last.run_limits.pids, 2U);                   // as requested
  EXPECT_DOUBLE_EQ(*last.compile_limits.wall_seconds, 30.0);

  auto ce = c.Post("/v1/executions", R"~({"language":"c","files":[{"content":"compile_error"}]})~", "application/json");
  ASSERT_TRUE(ce);
  EXPECT_EQ(json::parse(ce->body)["status"], "compile_error");
  auto tl = c.Post("/v1/executions", body_with("status:time_limit"), "application/json");
  ASSERT_TRUE(tl);
  EXPECT_EQ(json::parse(tl->body)["runs"][0]["status"], "time_limit");
}

TEST(ApiServer, MalformedRequestsGet400WithTheField) {
  testing::FakeExecutor fake;
  Running r(ServerConfig{}, fake);
  auto c = r.client();
  auto check = [&](const std::string& body, const std::string& message) {
    auto res = c.Post("/v1/executions", body, "application/json");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 400) << body;
    auto j = json::parse(res->body);
    EXPECT_EQ(j["error"], "invalid_request");
    EXPECT_NE(j["message"].get<std::string>().find(message), std::string::npos) << j["message"];
  };
  check("{", "body: invalid JSON");
  check(R"~({"language":"python","files":[{"content":1}]})~", "files[0].content: expected a string");
  check(R"~({"language":"python","files":[{"content":"x"}],"bogus":true})~", "bogus: unknown field");
  check(R"~({"files":[{"content":"x"}]})~", "language: required field is missing");
  check(R"~({"language":"cobol","files":[{"content":"x"}]})~", "unknown language");  // from the executor
  EXPECT_EQ(fake.finished.load(), 0);

  auto p = c.Post("/api/v2/execute", R"~({"language":"cobol","version":"*","files":[{"content":"x"}]})~",
                  "application/json");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->status, 400);
  EXPECT_EQ(json::parse(p->body), (json{{"message", "cobol-* runtime is unknown"}}));
}

TEST(ApiServer, PistonExecute) {
  testing::FakeExecutor fake;
  Running r(ServerConfig{}, fake);
  auto c = r.client();
  // No Content-Type, as piston-client (node-fetch with a string body) sends it.
  auto res = c.Post("/api/v2/execute",
                    R"~({"language":"c","version":"12.2.0","files":[{"content":"echo"}],"stdin":"in!","args":[],
                        "compile_timeout":10000,"run_timeout":3000,"compile_memory_limit":-1,"run_memory_limit":-1})~",
                    "text/plain;charset=UTF-8");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  auto j = json::parse(res->body);
  EXPECT_EQ(j["language"], "c");
  EXPECT_EQ(j["version"], "12.2.0");
  EXPECT_EQ(j["run"]["stdout"], "in!");
  EXPECT_EQ(j["run"]["output"], "in!");
  EXPECT_EQ(j["run"]["code"], 0);
  EXPECT_TRUE(j["run"]["signal"].is_null());
  EXPECT_EQ(j["compile"]["code"], 0);
  EXPECT_EQ(fake.last_request().files[0].name, "main.c");
  EXPECT_DOUBLE_EQ(*fake.last_request().run_limits.wall_seconds, 3.0);
  EXPECT_EQ(*fake.last_request().run_limits.memory_bytes, 512ULL << 20);  // -1 → server maximum
}

TEST(ApiServer, BearerToken) {
  testing::FakeExecutor fake;
  ServerConfig config;
  config.token = "s3cret";
  Running r(config, fake);
  auto c = r.client();
  auto none = c.Post("/v1/executions", kHello, "application/json");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  EXPECT_EQ(none->get_header_value("WWW-Authenticate"), "Bearer");
  EXPECT_EQ(json::parse(none->body)["message"], "missing bearer token");
  httplib::Headers wrong{{"Authorization", "Bearer s3creT"}};
  auto bad = c.Post("/v1/executions", wrong, kHello, "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 401);
  auto piston = c.Get("/api/v2/runtimes");
  ASSERT_TRUE(piston);
  EXPECT_EQ(piston->status, 401);
  EXPECT_TRUE(json::parse(piston->body).contains("message"));
  EXPECT_EQ(c.Get("/healthz")->status, 200);
  EXPECT_EQ(fake.started.load(), 0);
  c.set_bearer_token_auth("s3cret");
  auto ok = c.Post("/v1/executions", kHello, "application/json");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
}

TEST(ApiServer, OversizeBodyIs413) {
  testing::FakeExecutor fake;
  ServerConfig config;
  config.limits.max_body_bytes = 1024;
  Running r(config, fake);
  auto c = r.client();
  auto res = c.Post("/v1/executions", body_with(std::string(2000, 'x')), "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
  EXPECT_EQ(json::parse(res->body)["error"], "payload_too_large");
  EXPECT_EQ(fake.started.load(), 0);
  auto small = c.Post("/v1/executions", body_with("x"), "application/json");
  ASSERT_TRUE(small);
  EXPECT_EQ(small->status, 200);
}

TEST(ApiServer, OverloadGets429WithRetryAfter) {
  testing::FakeExecutor fake;
  ServerConfig config;
  config.workers = 1;
  config.queue = 1;
  Running r(config, fake);
  std::vector<std::future<std::pair<int, std::string>>> results;
  for (int i = 0; i < 5; ++i) {
    results.push_back(std::async(std::launch::async, [&] {
      auto c = r.client();
      auto res = c.Post("/v1/executions", body_with("sleep:1.0"), "application/json");
      return res ? std::pair{res->status, res->get_header_value("Retry-After")} : std::pair{-1, std::string()};
    }));
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
  }
  int ok = 0, busy = 0;
  for (auto& f : results) {
    auto [status, retry] = f.get();
    if (status == 200) ++ok;
    if (status == 429) {
      ++busy;
      EXPECT_GE(std::stoi(retry), 1);
    }
  }
  EXPECT_EQ(ok, 2);    // one running + one queued
  EXPECT_EQ(busy, 3);  // the rest refused at once
}

TEST(ApiServer, GracefulShutdownDrainsAndRefuses) {
  testing::FakeExecutor fake;
  ServerConfig config;
  config.workers = 1;
  config.queue = 8;
  Running r(config, fake);
  const int port = r.server().port();
  std::vector<std::future<int>> inflight;
  for (int i = 0; i < 3; ++i)
    inflight.push_back(std::async(std::launch::async, [port] {
      httplib::Client c("127.0.0.1", port);
      c.set_read_timeout(30);
      auto res = c.Post("/v1/executions", body_with("sleep:0.8"), "application/json");
      return res ? res->status : -1;
    }));
  // Wait until one runs and two wait in the queue (robust on a loaded machine).
  httplib::Client probe("127.0.0.1", port);
  for (int i = 0; i < 1000; ++i) {
    auto m = probe.Get("/metrics");
    if (m && m->body.find("tc_queue_depth 2\n") != std::string::npos && fake.started.load() == 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_EQ(fake.started.load(), 1);
  auto stopper = std::async(std::launch::async, [&] { r.server().shutdown(); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  httplib::Client late("127.0.0.1", port);
  auto refused = late.Post("/v1/executions", kHello, "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 503);
  EXPECT_FALSE(refused->get_header_value("Retry-After").empty());
  stopper.get();
  for (auto& f : inflight) EXPECT_EQ(f.get(), 200);
  EXPECT_EQ(fake.finished.load(), 3);
  r.stop();
  EXPECT_FALSE(httplib::Client("127.0.0.1", port).Get("/healthz"));  // listener closed
}

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/tc-api-test-XXXXXX";
    path_ = mkdtemp(tmpl);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST(ApiServer, AsyncResultsSurviveRestart) {
  testing::FakeExecutor fake;
  TempDir dir;
  ServerConfig config;
  config.db_path = dir.path() + "/results.db";
  std::string id;
  {
    Running r(config, fake);
    auto c = r.client();
    auto res = c.Post("/v1/executions",
                      R"~({"language":"python","files":[{"content":"echo"}],"stdin":"persist me","async":true})~",
                      "application/json");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 202) << res->body;
    id = json::parse(res->body)["id"];
    EXPECT_EQ(res->get_header_value("Location"), "/v1/executions/" + id);
    json got;
    for (int i = 0; i < 200; ++i) {
      got = json::parse(c.Get("/v1/executions/" + id)->body);
      if (got["state"] == "done") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    ASSERT_EQ(got["state"], "done");
    EXPECT_EQ(got["result"]["runs"][0]["stdout"]["data"], "persist me");
  }
  Running again(config, fake);
  auto c = again.client();
  auto res = c.Get("/v1/executions/" + id);
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  auto j = json::parse(res->body);
  EXPECT_EQ(j["state"], "done");
  EXPECT_EQ(j["result"]["runs"][0]["stdout"]["data"], "persist me");
  auto unknown = c.Get("/v1/executions/" + std::string(32, 'a'));
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
}

TEST(ResultStore, UnfinishedRecordsOfACrashedServerBecomeErrors) {
  TempDir dir;
  const std::string db = dir.path() + "/r.db";
  {
    auto s = ResultStore::open(db);
    ASSERT_TRUE(s) << s.error().describe();
    ASSERT_TRUE((*s)->insert_queued("a", ResultStore::now()));
    ASSERT_TRUE((*s)->insert_queued("b", ResultStore::now()));
    ASSERT_TRUE((*s)->mark_running("b"));
  }
  auto s = ResultStore::open(db);
  ASSERT_TRUE(s);
  for (const char* id : {"a", "b"}) {
    auto rec = (*s)->get(id);
    ASSERT_TRUE(rec && *rec);
    EXPECT_EQ((**rec).state, "done");
    EXPECT_EQ(json::parse((**rec).result)["status"], "internal_error");
  }
}

TEST(ResultStore, RetentionPurgesOldRecords) {
  auto s = ResultStore::open(":memory:");
  ASSERT_TRUE(s);
  const double now = ResultStore::now();
  ASSERT_TRUE((*s)->insert_queued("old", now - 100));
  ASSERT_TRUE((*s)->finish("old", now - 99, "{}"));
  ASSERT_TRUE((*s)->insert_queued("new", now));
  ASSERT_TRUE((*s)->finish("new", now, "{}"));
  auto n = (*s)->purge_older_than(now - 50);
  ASSERT_TRUE(n);
  EXPECT_EQ(*n, 1);
  EXPECT_FALSE(*(*s)->get("old"));
  EXPECT_TRUE(*(*s)->get("new"));
  EXPECT_EQ(ResultStore::new_id().size(), 32U);
  EXPECT_NE(ResultStore::new_id(), ResultStore::new_id());
}

TEST(ApiServer, MetricsInPrometheusFormat) {
  testing::FakeExecutor fake;
  Running r(ServerConfig{}, fake);
  auto c = r.client();
  ASSERT_EQ(c.Post("/v1/executions", kHello, "application/json")->status, 200);
  ASSERT_EQ(c.Post("/v1/executions", body_with("status:runtime_error"), "application/json")->status, 200);
  ASSERT_EQ(c.Post("/v1/executions", "{", "application/json")->status, 400);
  ASSERT_TRUE(c.Get("/v1/executions/" + std::string(32, 'b')));
  // Request counters are updated after each response is sent (httplib's logger, possibly on
  // another connection's thread): poll until every expected line is there, then assert.
  const std::vector<std::string> expected{
      "tc_http_requests_total{route=\"/v1/executions\",code=\"200\"} 2",
      "tc_http_requests_total{route=\"/v1/executions\",code=\"400\"} 1",
      "tc_http_requests_total{route=\"/v1/executions/{id}\",code=\"404\"} 1",
      "tc_executions_total{status=\"ok\"} 1",
      "tc_executions_total{status=\"runtime_error\"} 1",
      "tc_execution_duration_seconds_count 2",
      "tc_execution_duration_seconds_bucket{le=\"+Inf\"} 2",
      "tc_queue_depth 0",
      "tc_in_flight 0"};
  std::string t;
  for (int i = 0; i < 200; ++i) {
    auto m = c.Get("/metrics");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->get_header_value("Content-Type"), "text/plain; version=0.0.4");
    t = m->body;
    bool all = true;
    for (const auto& e : expected) all = all && t.find(e) != std::string::npos;
    if (all) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  for (const auto& e : expected) EXPECT_NE(t.find(e), std::string::npos) << e << "\n" << t;
}

TEST(WorkQueue, BoundedAdmissionAndDrain) {
  std::atomic<int> done{0};
  std::promise<void> gate;
  auto gate_future = gate.get_future().share();
  WorkQueue q(1, 2);
  auto blocker = [&] { gate_future.wait(); ++done; };
  EXPECT_EQ(q.submit(blocker), WorkQueue::Admit::accepted);  // taken by the idle worker
  while (q.in_flight() == 0) std::this_thread::yield();
  EXPECT_EQ(q.submit(blocker), WorkQueue::Admit::accepted);
  EXPECT_EQ(q.submit(blocker), WorkQueue::Admit::accepted);
  EXPECT_EQ(q.submit(blocker), WorkQueue::Admit::full);
  EXPECT_EQ(q.depth(), 2U);
  q.close();
  EXPECT_EQ(q.submit(blocker), WorkQueue::Admit::closed);
  gate.set_value();
  q.drain();
  EXPECT_EQ(done.load(), 3);
}

TEST(WorkQueue, RunHereTakesCapacityAndDrainWaitsForIt) {
  WorkQueue q(1, 4);
  std::promise<void> gate;
  auto gate_future = gate.get_future().share();
  std::atomic<int> concurrent{0}, most{0}, done{0};
  auto job = [&] {
    const int now = ++concurrent;
    int seen = most.load();
    while (now > seen && !most.compare_exchange_weak(seen, now)) {
    }
    gate_future.wait();
    --concurrent;
    ++done;
  };
  std::thread caller([&] { EXPECT_TRUE(q.run_here(job)); });  // runs on `caller`
  while (q.in_flight() == 0) std::this_thread::yield();
  EXPECT_FALSE(q.run_here(job));  // the one slot is taken: not here
  EXPECT_EQ(q.submit(job), WorkQueue::Admit::accepted);  // queued: the worker must wait
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(q.depth(), 1U);
  EXPECT_EQ(q.in_flight(), 1U);
  EXPECT_FALSE(q.run_here(job));  // queued work first: FIFO
  gate.set_value();
  caller.join();
  q.drain();
  EXPECT_EQ(done.load(), 2);
  EXPECT_EQ(most.load(), 1) << "more jobs ran at once than workers";
  EXPECT_FALSE(q.run_here(job));  // closed
}

}  // namespace
}  // namespace tc::api
