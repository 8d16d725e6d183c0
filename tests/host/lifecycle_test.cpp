// Container lifecycle through HostControl: load/start/stop/suspend/resume/update/remove,
// invalid transitions, one-shot WASI programs, traps and load errors.
#include "host/lifecycle.hpp"
#include "host_fixture.hpp"

namespace tc::host::test {
namespace {

using LifecycleTest = HostFixture;

TEST(Lifecycle, TransitionTableNamesBothStates) {
  EXPECT_TRUE(check_transition("c1", State::running, Operation::suspend));
  auto e = check_transition("c1", State::stopped, Operation::suspend);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().phase, Phase::usage);
  EXPECT_EQ(e.error().message, "container 'c1' is stopped: cannot suspend (allowed from running)");
  EXPECT_FALSE(check_transition("c1", State::loaded, Operation::stop));
  EXPECT_FALSE(check_transition("c1", State::running, Operation::start));
  EXPECT_TRUE(check_transition("c1", State::failed, Operation::start));
  EXPECT_FALSE(check_transition("c1", State::running, Operation::resume));
}

TEST_F(LifecycleTest, LoadStartLoopStop) {
  auto uid = host->load(request(meta("echo"), guest("echo")));
  ASSERT_TRUE(uid) << uid.error().describe();
  EXPECT_EQ(*uid, "echo");
  auto st = host->status("echo");
  ASSERT_TRUE(st);
  EXPECT_EQ(st->state, State::loaded);
  EXPECT_EQ(st->runtime, "wasm");
  EXPECT_EQ(st->loop_period, std::chrono::milliseconds(10));
  ASSERT_TRUE(host->start("echo"));
  ASSERT_TRUE(eventually([&] { return values("echo").size() >= 5; }));
  EXPECT_EQ(host->status("echo")->state, State::running);
  ASSERT_TRUE(host->stop("echo"));
  st = host->status("echo");
  EXPECT_EQ(st->state, State::stopped);
  EXPECT_GE(st->stats.loops, 5u);
  EXPECT_GT(st->stats.fuel_used, 0u);
  EXPECT_GE(st->stats.endpoint_calls, st->stats.loops);  // one write per loop + the open
  const auto v = values("echo");
  for (std::size_t i = 0; i < v.size(); ++i) EXPECT_EQ(v[i], static_cast<std::int32_t>(i));  // in order
  // After stop nothing more arrives.
  const auto n = v.size();
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(values("echo").size(), n);
}

TEST_F(LifecycleTest, InvalidTransitionsChangeNothing) {
  ASSERT_TRUE(host->load(request(meta("echo"), guest("echo"))));
  auto e = host->stop("echo");
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().message, "container 'echo' is loaded: cannot stop (allowed from running|suspended)");
  EXPECT_FALSE(host->suspend("echo"));
  EXPECT_FALSE(host->resume("echo"));
  EXPECT_EQ(host->status("echo")->state, State::loaded);
  ASSERT_TRUE(host->start("echo"));
  e = host->start("echo");
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().phase, Phase::usage);
  EXPECT_NE(e.error().message.find("is running: cannot start"), std::string::npos);
  EXPECT_FALSE(host->resume("echo"));
  auto missing = host->start("nope");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().message, "no container 'nope'");
  EXPECT_FALSE(host->status("nope"));
}

TEST_F(LifecycleTest, DuplicateUidAndBadInputAreRefused) {
  ASSERT_TRUE(host->load(request(meta("echo"), guest("echo"))));
  auto dup = host->load(request(meta("echo"), guest("echo")));
  ASSERT_FALSE(dup);
  EXPECT_NE(dup.error().message.find("already loaded"), std::string::npos);
  auto bad = host->load(LoadRequest{bytes("{\"version\": 1"), guest("echo"), {}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().phase, Phase::config);
  auto garbage = host->load(request(meta("garbage"), bytes("not wasm")));
  ASSERT_FALSE(garbage);
  EXPECT_EQ(garbage.error().phase, Phase::decode);
  auto imp = host->load(request(meta("imp"), guest("bad_import")));
  ASSERT_FALSE(imp);
  EXPECT_NE(imp.error().message.find("bogus"), std::string::npos);
  auto m = meta("rt");
  m["runtime"] = "jvm";
  auto rt = host->load(request(m, guest("echo")));
  ASSERT_FALSE(rt);
  EXPECT_NE(rt.error().message.find("linux|wasm"), std::string::npos);
  EXPECT_EQ(host->list().size(), 1u);
}

TEST_F(LifecycleTest, WrongCodeDigestIsRefused) {
  auto m = meta("digest");
  m["integrity"] = {{"code_sha256", std::string(64, '0')}};
  auto r = host->load(request(m, guest("echo")));
  ASSERT_FALSE(r);
}

TEST_F(LifecycleTest, LoopReturningNonZeroFinishesAfterStop) {
  const auto uid = load_start(meta("fin"), "lifecycle");
  auto st = host->wait(uid, 5000ms);
  ASSERT_TRUE(st);
  EXPECT_FALSE(st->timed_out);
  EXPECT_EQ(st->state, State::finished);
  EXPECT_EQ(st->stats.loops, 3u);
  EXPECT_EQ(values(uid), std::vector<std::int32_t>{-100});  // the stop export ran
}

TEST_F(LifecycleTest, TrapFailsWithTheTrapText) {
  const auto uid = load_start(meta("trap"), "trap");
  auto st = host->wait(uid, 5000ms);
  ASSERT_TRUE(st);
  EXPECT_EQ(st->state, State::failed);
  EXPECT_EQ(st->last_error, "trap: unreachable");
  EXPECT_EQ(st->stats.loops, 1u);
  // A failed container can be started again, with a fresh instance.
  ASSERT_TRUE(host->start(uid));
  st = host->wait(uid, 5000ms);
  EXPECT_EQ(st->state, State::failed);
  EXPECT_EQ(st->stats.loops, 1u);
}

TEST_F(LifecycleTest, WasiCommandRunsOneShot) {
  const auto uid = load_start(meta("hello"), "hello");
  auto st = host->wait(uid, 5000ms);
  ASSERT_TRUE(st);
  EXPECT_EQ(st->state, State::finished);
  EXPECT_EQ(st->exit_code, 0);
  auto out = host->output(uid);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->out.data, "hello from wasm\n");
  EXPECT_EQ(out->out.total, 16u);
}

TEST_F(LifecycleTest, WasiCommandExitCodeFails) {
  const auto uid = load_start(meta("exit3"), "exit3");
  auto st = host->wait(uid, 5000ms);
  EXPECT_EQ(st->state, State::failed);
  EXPECT_EQ(st->exit_code, 3);
  EXPECT_EQ(st->last_error, "exit 3");
}

TEST_F(LifecycleTest, EndlessProgramIsSlicedAndStoppable) {
  auto m = meta("endless");
  m["scheduling"]["loop_max_duration"] = "2ms";
  const auto uid = load_start(m, "endless");
  // It shares the CPU: another container keeps its period.
  const auto echo = load_start(meta("echo"), "echo");
  ASSERT_TRUE(eventually([&] { return values(echo).size() >= 10; }));
  auto st = host->status(uid);
  EXPECT_EQ(st->state, State::running);
  EXPECT_EQ(st->stats.overruns, 0u);  // a program's slices are not overruns
  EXPECT_GT(st->stats.fuel_used, 0u);
  ASSERT_TRUE(host->stop(uid));
  EXPECT_EQ(host->status(uid)->state, State::stopped);
}

TEST_F(LifecycleTest, SuspendResume) {
  const auto uid = load_start(meta("echo"), "echo");
  ASSERT_TRUE(eventually([&] { return values(uid).size() >= 3; }));
  ASSERT_TRUE(host->suspend(uid));
  EXPECT_EQ(host->status(uid)->state, State::suspended);
  const auto n = values(uid).size();
  std::this_thread::sleep_for(80ms);
  EXPECT_EQ(values(uid).size(), n);
  auto again = host->suspend(uid);
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().message.find("is suspended: cannot suspend"), std::string::npos);
  ASSERT_TRUE(host->resume(uid));
  ASSERT_TRUE(eventually([&] { return values(uid).size() >= n + 3; }));
  // Counting continued where it stopped: state survived the suspension.
  const auto v = values(uid);
  for (std::size_t i = 0; i < v.size(); ++i) EXPECT_EQ(v[i], static_cast<std::int32_t>(i));
  // stop from suspended is allowed.
  ASSERT_TRUE(host->suspend(uid));
  ASSERT_TRUE(host->stop(uid));
  EXPECT_EQ(host->status(uid)->state, State::stopped);
}

TEST_F(LifecycleTest, RestartAfterStopIsFresh) {
  const auto uid = load_start(meta("echo"), "echo");
  ASSERT_TRUE(eventually([&] { return values(uid).size() >= 3; }));
  ASSERT_TRUE(host->stop(uid));
  const auto n = values(uid).size();
  ASSERT_TRUE(host->start(uid));
  ASSERT_TRUE(eventually([&] { return values(uid).size() >= n + 2; }));
  EXPECT_EQ(values(uid)[n], 0);  // counter restarted: a fresh instance
}

TEST_F(LifecycleTest, UpdateReplacesCodeAndRestarts) {
  const auto uid = load_start(meta("u1"), "echo");
  ASSERT_TRUE(eventually([&] { return values(uid).size() >= 2; }));
  auto m = meta("u1");
  m["scheduling"]["loop_period"] = "20ms";
  ASSERT_TRUE(host->update(uid, request(m, guest("lifecycle")), true));
  auto st = host->wait(uid, 5000ms);
  EXPECT_EQ(st->state, State::finished);
  EXPECT_EQ(st->loop_period, std::chrono::milliseconds(20));
  EXPECT_EQ(st->stats.loops, 3u);
  auto other = meta("other");
  EXPECT_FALSE(host->update(uid, request(other, guest("echo")), false));  // uid mismatch
  ASSERT_TRUE(host->update(uid, request(meta("u1"), guest("echo")), false));
  EXPECT_EQ(host->status(uid)->state, State::loaded);
}

TEST_F(LifecycleTest, FailedUpdateLeavesTheContainerRunning) {
  const auto uid = load_start(meta("u2"), "echo");
  ASSERT_TRUE(eventually([&] { return values(uid).size() >= 2; }));
  auto r = host->update(uid, request(meta("u2"), bytes("\0asm garbage")), true);
  ASSERT_FALSE(r);
  EXPECT_EQ(host->status(uid)->state, State::running);
  const auto n = values(uid).size();
  ASSERT_TRUE(eventually([&] { return values(uid).size() >= n + 2; }));
  EXPECT_EQ(values(uid)[n], static_cast<std::int32_t>(n));  // same instance, counting on
}

TEST_F(LifecycleTest, RemoveRunningContainer) {
  const auto uid = load_start(meta("echo"), "echo");
  ASSERT_TRUE(eventually([&] { return values(uid).size() >= 2; }));
  ASSERT_TRUE(host->remove(uid));
  EXPECT_FALSE(host->status(uid));
  EXPECT_TRUE(host->list().empty());
  EXPECT_FALSE(host->remove(uid));
  // The uid can be loaded again.
  EXPECT_TRUE(host->load(request(meta("echo"), guest("echo"))));
}

TEST_F(LifecycleTest, WaitTimesOut) {
  const auto uid = load_start(meta("echo"), "echo");
  auto st = host->wait(uid, 30ms);
  ASSERT_TRUE(st);
  EXPECT_TRUE(st->timed_out);
  EXPECT_EQ(st->state, State::running);
}

TEST_F(LifecycleTest, DestroyingTheHostStopsContainers) {
  const auto uid = load_start(meta("spin"), "spin");
  const auto echo = load_start(meta("echo"), "echo");
  ASSERT_TRUE(eventually([&] { return values(echo).size() >= 2; }));
  host.reset();  // runs every stop export
  const auto v = values(uid);
  ASSERT_FALSE(v.empty());
  EXPECT_EQ(v.back(), -100);
}

TEST_F(LifecycleTest, ConcurrentControlFromManyThreads) {
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round) {
        const std::string uid = "t" + std::to_string(t) + "-" + std::to_string(round);
        auto m = meta(uid, "2ms");
        if (!host->load(request(m, guest(round % 2 ? "echo" : "spin")))) ++failures;
        if (!host->start(uid)) ++failures;
        (void)host->list();
        if (round % 2 && !host->suspend(uid)) ++failures;
        if (round % 2 && !host->resume(uid)) ++failures;
        if (!host->stop(uid)) ++failures;
        if (host->status(uid)->state != State::stopped) ++failures;
        if (!host->remove(uid)) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_TRUE(host->list().empty());
}

TEST(HostConfig, DuplicateServiceNamesAreRefused) {
  HostConfig cfg;
  auto log = std::make_shared<ProbeService::Log>();
  cfg.services.push_back(std::make_unique<ProbeService>("kv", log));
  cfg.services.push_back(std::make_unique<ProbeService>("kv", log));
  auto h = make_host(std::move(cfg));
  ASSERT_FALSE(h);
  EXPECT_EQ(h.error().phase, Phase::config);
}

}  // namespace
}  // namespace tc::host::test
