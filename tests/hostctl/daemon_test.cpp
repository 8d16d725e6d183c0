// The real daemon end to end: `tinycontainer ctl` round trips for every command, and the
// example containers running side by side with their expected effects.
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <regex>

#include "daemon_fixture.hpp"

namespace {

using nlohmann::json;
using tc::test::Daemon;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

bool contains(const std::vector<std::string>& lines, const std::string& text) {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const std::string& l) { return l.find(text) != std::string::npos; });
}

TEST_F(Daemon, CtlRoundTripForEveryCommand) {
  auto loaded = load("sensor_sampler.json", "sensor_sampler.wasm", false);
  ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
  EXPECT_EQ(loaded.out, "sensor-sampler\n");
  EXPECT_EQ(ctl_json({"status", "sensor-sampler"})["status"]["state"], "loaded");
  EXPECT_EQ(ctl_json({"start", "sensor-sampler"})["status"]["state"], "running");
  EXPECT_EQ(ctl_json({"suspend", "sensor-sampler"})["status"]["state"], "suspended");
  EXPECT_EQ(ctl_json({"resume", "sensor-sampler"})["status"]["state"], "running");
  auto rec = ctl({"reconfigure", meta("reconfigure-sensor-sampler.json")});
  ASSERT_EQ(rec.exit_code, 0) << rec.err;
  auto st = ctl_json({"status", "sensor-sampler"})["status"];
  EXPECT_EQ(st["loop_period_us"], 20000);  // the reconfiguration took effect, no restart
  EXPECT_EQ(st["priority"], 4);
  EXPECT_EQ(st["state"], "running");
  auto human = ctl({"status", "sensor-sampler"});
  EXPECT_EQ(human.exit_code, 0);
  EXPECT_NE(human.out.find("sensor-sampler  running"), std::string::npos) << human.out;
  auto upd = ctl({"update", "sensor-sampler", meta("sensor_sampler.json"),
                  example("sensor_sampler.wasm"), "--restart"});
  ASSERT_EQ(upd.exit_code, 0) << upd.err;
  EXPECT_EQ(ctl_json({"status", "sensor-sampler"})["status"]["state"], "running");
  auto timed_out = ctl({"wait", "sensor-sampler", "--timeout", "100ms"});
  EXPECT_EQ(timed_out.exit_code, 4) << timed_out.out << timed_out.err;
  EXPECT_EQ(ctl({"stop", "sensor-sampler"}).exit_code, 0);
  auto waited = ctl_json({"wait", "sensor-sampler", "--timeout", "5s"});
  EXPECT_EQ(waited["status"]["state"], "stopped");
  EXPECT_FALSE(waited["status"]["timed_out"]);
  auto lines = log_lines("sensor-sampler");
  EXPECT_TRUE(contains(lines, "start: resuming at count")) << json(lines);
  EXPECT_TRUE(contains(lines, "stop: ")) << json(lines);  // the stop export ran
  EXPECT_EQ(ctl_json({"list"})["containers"].size(), 1u);
  EXPECT_EQ(ctl({"remove", "sensor-sampler"}).out, "removed\n");
  EXPECT_TRUE(ctl_json({"list"})["containers"].empty());
}

TEST_F(Daemon, CtlErrorsHaveDocumentedExitCodes) {
  auto unknown = ctl({"start", "ghost"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("ghost"), std::string::npos) << unknown.err;
  EXPECT_EQ(ctl({"load", "/nonexistent.json", example("consumer.wasm")}).exit_code, 2);
  EXPECT_EQ(ctl({"wait", "x", "--timeout", "soon"}).exit_code, 2);
  auto bad_meta = ctl({"load", meta("invalid/bad_direction.json"), example("consumer.wasm")});
  EXPECT_EQ(bad_meta.exit_code, 1);
  EXPECT_NE(bad_meta.err.find("direction"), std::string::npos) << bad_meta.err;
  ASSERT_EQ(load("consumer.json", "consumer.wasm", false).exit_code, 0);
  auto transition = ctl({"resume", "consumer"});  // loaded → resume is not a transition
  EXPECT_EQ(transition.exit_code, 1);
  EXPECT_NE(transition.err.find("cannot resume"), std::string::npos) << transition.err;
  auto away = tc::test::run_cli({"ctl", "--socket", (dir_ / "none.sock").string(), "list"});
  EXPECT_EQ(away.exit_code, 3);
}

TEST_F(Daemon, ExamplesRunSideBySideWithTheirEffects) {
  ASSERT_EQ(load("sensor_sampler.json", "sensor_sampler.wasm").exit_code, 0);
  ASSERT_EQ(load("unauthorized.json", "unauthorized.wasm").exit_code, 0);
  ASSERT_EQ(load("consumer.json", "consumer.wasm").exit_code, 0);
  ASSERT_EQ(load("producer.json", "producer.wasm").exit_code, 0);
  // curious: lifetime 10 loops at 200 ms, every open of the ungranted endpoint denied.
  auto curious = ctl_json({"wait", "curious", "--timeout", "10s"})["status"];
  EXPECT_EQ(curious["state"], "finished") << curious;
  EXPECT_EQ(curious["stats"]["loops"], 10);
  EXPECT_EQ(curious["stats"]["denials"], 10) << "each denial is counted";
  auto denied = log_lines("curious");
  EXPECT_TRUE(contains(denied, "attempt 10: open(2) refused: denied (-1)")) << json(denied);
  EXPECT_FALSE(contains(denied, "unexpectedly granted"));
  // Meanwhile the others ran side by side.
  auto all = ctl_json({"list"})["containers"];
  ASSERT_EQ(all.size(), 4u);
  for (const auto& s : all) {
    if (s["uid"] == "curious") continue;
    EXPECT_EQ(s["state"], "running") << s;
    EXPECT_GE(s["stats"]["loops"].get<int>(), 5) << s;
    EXPECT_EQ(s["stats"]["denials"], 0) << s;
  }
  // producer → consumer: every message delivered, in order, none missing.
  std::regex range(R"(received seq (\d+)\.\.(\d+) \((\d+) msgs\) in order)");
  unsigned next = 1, received = 0;
  for (const auto& l : log_lines("consumer")) {
    std::smatch m;
    ASSERT_TRUE(std::regex_search(l, m, range)) << l;
    EXPECT_EQ(std::stoul(m[1]), next) << l;
    next = std::stoul(m[2]) + 1;
    received += std::stoul(m[3]);
  }
  EXPECT_GE(received, 10u);
  EXPECT_EQ(received, next - 1);
  // sensor-sampler: its kv values survive a host restart.
  ASSERT_EQ(ctl({"stop", "sensor-sampler"}).exit_code, 0);
  std::regex stored(R"(stop: (\d+) samples stored)");
  std::smatch m;
  unsigned count = 0;
  for (const auto& l : log_lines("sensor-sampler"))
    if (std::regex_search(l, m, stored)) count = std::stoul(m[1]);
  ASSERT_GT(count, 0u);
  auto down = stop_daemon();
  ASSERT_EQ(down.exit_code, 0) << down.err;
  start_daemon();
  ASSERT_EQ(load("sensor_sampler.json", "sensor_sampler.wasm").exit_code, 0);
  auto resumed = log_lines("sensor-sampler");
  ASSERT_FALSE(resumed.empty());
  EXPECT_EQ(resumed.front(), "start: resuming at count " + std::to_string(count) + " (kv get: ok)");
}

// A linux container through the daemon: `tinycontainer host` runs in the sibling
// tinycontainer-host, which must start `tinycontainer run` (not itself) for it.
TEST_F(Daemon, LinuxContainerRunsThroughTheRunBinary) {
  if (::geteuid() != 0) GTEST_SKIP() << "the linux sandbox needs root here";
  json m{
      {"version", 1},
      {"uid", "echo"},
      {"name", "a linux one-shot"},
      {"runtime", "linux"},
      {"code", "echo.json"},
      {"scheduling",
       {{"loop_period", "5ms"}, {"priority", 8}, {"overrun", "skip"}, {"stop_max_duration", "2s"}}},
      {"limits", {{"memory_pages", 2}, {"call_depth", 64}}}};
  std::ofstream(dir_ / "echo-meta.json") << m.dump();
  std::ofstream(dir_ / "echo.json") << R"(["/bin/echo", "hi from linux"])";
  auto loaded =
      ctl({"load", (dir_ / "echo-meta.json").string(), (dir_ / "echo.json").string(), "--start"});
  ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
  auto waited = ctl_json({"wait", "echo", "--timeout", "30s"});
  EXPECT_EQ(waited["status"]["state"], "finished") << waited.dump();
  EXPECT_EQ(waited["status"]["exit_code"], 0) << waited.dump();
}

TEST_F(Daemon, RequireSignatureAcceptsOnlySignedContainersWithTheirCode) {
  ASSERT_EQ(stop_daemon().exit_code, 0);
  // A signing key (the public half in the host's key dir) and the consumer's metadata with
  // its code digest, signed (COSE_Sign1) with `tinycontainer metadata sign`.
  const fs::path k = dir_ / "keys", secret = dir_ / "demo.ed25519.sec";
  fs::create_directories(k);
  ASSERT_EQ(
      tc::test::run_cli({"metadata", "keygen", "--kid", "demo", "--out", dir_.string()}).exit_code,
      0);
  fs::copy_file(dir_ / "demo.ed25519.pub", k / "demo.ed25519.pub");
  std::string digest;
  FILE* p = ::popen(("sha256sum " + example("consumer.wasm")).c_str(), "r");
  char hex[65] = {};
  if (p && std::fscanf(p, "%64s", hex) == 1) digest = hex;
  if (p) ::pclose(p);
  ASSERT_EQ(digest.size(), 64u);
  auto m = json::parse(tc::test::slurp(meta("consumer.json")));
  m["integrity"] = {{"code_sha256", digest}};
  std::ofstream(dir_ / "consumer.json") << m.dump();
  const std::string signed_meta = (dir_ / "consumer.cose").string();
  ASSERT_EQ(tc::test::run_cli({"metadata", "sign", "--key", secret.string(), "--kid", "demo",
                               (dir_ / "consumer.json").string(), signed_meta})
                .exit_code,
            0);
  start_daemon({"--require-signature", "--keys", k.string()});
  auto r = ctl({"load", meta("consumer.json"), example("consumer.wasm"), "--start"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("security"), std::string::npos) << r.err;
  auto wrong_code = ctl({"load", signed_meta, example("producer.wasm")});
  EXPECT_EQ(wrong_code.exit_code, 1);
  EXPECT_NE(wrong_code.err.find("does not match integrity.code_sha256"), std::string::npos)
      << wrong_code.err;
  EXPECT_TRUE(ctl_json({"list"})["containers"].empty());
  auto ok = ctl({"load", signed_meta, example("consumer.wasm"), "--start"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(ctl_json({"status", "consumer"})["status"]["state"], "running");
  auto bad_keys = tc::test::run_cli({"host", "--socket", (dir_ / "other.sock").string(),
                                     "--state-dir", state_, "--keys", "/nonexistent-keys"});
  EXPECT_EQ(bad_keys.exit_code, 2) << bad_keys.err;
  EXPECT_FALSE(fs::exists(dir_ / "other.sock"));
}

}  // namespace
