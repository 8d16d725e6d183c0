// The linux one-shot runtime end to end: the host posix_spawns `tinycontainer run --json`.
#include <unistd.h>

#include "host_fixture.hpp"

namespace tc::host::test {
namespace {

struct LinuxRuntimeTest : HostFixture {
  void SetUp() override {
    if (geteuid() != 0) GTEST_SKIP() << "the linux sandbox needs root here";
    host = make(TC_BINARY);
  }
  nlohmann::json linux_meta(const std::string& uid) {
    auto m = meta(uid, "5ms");
    m["runtime"] = "linux";
    m["scheduling"]["stop_max_duration"] = "2s";
    return m;
  }
};

TEST_F(LinuxRuntimeTest, OneShotCommandFinishes) {
  auto uid = host->load(request(linux_meta("echo"), bytes(R"(["/bin/echo", "hi from linux"])")));
  ASSERT_TRUE(uid) << uid.error().describe();
  ASSERT_TRUE(host->start(*uid));
  auto st = host->wait(*uid, 30000ms);
  ASSERT_TRUE(st);
  EXPECT_EQ(st->state, State::finished) << st->last_error;
  EXPECT_EQ(st->exit_code, 0);
  EXPECT_EQ(host->output(*uid)->out.data, "hi from linux\n");
}

TEST_F(LinuxRuntimeTest, NonZeroExitFails) {
  auto uid = host->load(request(linux_meta("false"), bytes(R"(["/bin/sh", "-c", "exit 7"])")));
  ASSERT_TRUE(uid) << uid.error().describe();
  ASSERT_TRUE(host->start(*uid));
  auto st = host->wait(*uid, 30000ms);
  EXPECT_EQ(st->state, State::failed);
  EXPECT_EQ(st->exit_code, 7);
}

TEST_F(LinuxRuntimeTest, StopTerminatesALongCommand) {
  auto uid = host->load(request(linux_meta("sleeper"), bytes(R"(["/bin/sleep", "60"])")));
  ASSERT_TRUE(uid) << uid.error().describe();
  ASSERT_TRUE(host->start(*uid));
  // While the process runs, wasm containers keep their period (polling never blocks).
  const auto echo = load_start(meta("echo"), "echo");
  ASSERT_TRUE(eventually([&] { return values(echo).size() >= 10; }));
  EXPECT_EQ(host->status(*uid)->state, State::running);
  auto suspended = host->suspend(*uid);
  ASSERT_FALSE(suspended);  // not supported by this runtime
  const auto t0 = Clock::now();
  ASSERT_TRUE(host->stop(*uid));
  EXPECT_LT(Clock::now() - t0, 5000ms);
  EXPECT_EQ(host->status(*uid)->state, State::stopped);
}

TEST_F(LinuxRuntimeTest, BadCommandIsALoadError) {
  auto r = host->load(request(linux_meta("bad"), bytes("echo hi")));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().phase, Phase::config);
}

}  // namespace
}  // namespace tc::host::test
