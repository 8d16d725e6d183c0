// Endpoint dispatch: every denial path returns its abi code and is counted; run-time
// reconfiguration grants/revokes endpoints and changes scheduling while the container runs.
#include "host_fixture.hpp"

namespace tc::host::test {
namespace {

using EndpointTest = HostFixture;

std::vector<std::uint8_t> reconf(const nlohmann::json& j) { return bytes(j.dump()); }

TEST_F(EndpointTest, DenialPathsReturnCodesAndAreCounted) {
  const auto uid = load_start(meta("probe"), "probe");
  auto st = host->wait(uid, 5000ms);
  ASSERT_TRUE(st);
  EXPECT_EQ(st->state, State::finished) << st->last_error;
  const std::vector<std::int32_t> expected{
      abi::kDenied, abi::kWrongDirection, abi::kWrongDirection, abi::kBadMemory, abi::kBadHandle,
      abi::kOk,     abi::kBadHandle,      abi::kUnavailable,    0};
  EXPECT_EQ(values(uid), expected);
  EXPECT_EQ(st->stats.denials, 3u);  // open(7), write on `in`, read on `out`
  // open x3, reports x9, the probed calls x7 (open 7 and open 2 counted among the opens)
  EXPECT_GE(st->stats.endpoint_calls, 18u);
}

TEST_F(EndpointTest, RevokeAndGrantWhileRunning) {
  const auto uid = load_start(meta("echo"), "echo");
  ASSERT_TRUE(eventually([&] { return values(uid).size() >= 3; }));
  // Revoke endpoint 1: the open handle's next write is denied (checked on every call).
  ASSERT_TRUE(host->reconfigure(reconf({{"version", 1}, {"uid", uid}, {"revision", 1}, {"revoke", {1}}})));
  const auto denials0 = host->status(uid)->stats.denials;
  ASSERT_TRUE(eventually([&] { return host->status(uid)->stats.denials >= denials0 + 3; }));
  const auto n = values(uid).size();
  std::this_thread::sleep_for(50ms);
  EXPECT_LE(values(uid).size(), n + 1);  // at most one write already in flight
  EXPECT_EQ(host->status(uid)->state, State::running);  // a denial never traps
  EXPECT_EQ(host->status(uid)->revision, 1u);
  // Grant it back: the same handle works again.
  ASSERT_TRUE(host->reconfigure(reconf({{"version", 1}, {"uid", uid}, {"revision", 2},
                                        {"grant", {{{"endpoint_id", 1}, {"peer_type", "local"},
                                                    {"peer", "probe"}, {"direction", "out"}}}}})));
  const auto m = values(uid).size();
  ASSERT_TRUE(eventually([&] { return values(uid).size() >= m + 3; }));
  // The guest's counter kept running: values skip the denied loops.
  const auto v = values(uid);
  EXPECT_GT(v.back() - v.front() + 1, static_cast<std::int32_t>(v.size()));
}

TEST_F(EndpointTest, GrantToAnotherPeerIsWrongPeerForOpenHandles) {
  const auto uid = load_start(meta("echo"), "echo");
  ASSERT_TRUE(eventually([&] { return values(uid).size() >= 2; }));
  ASSERT_TRUE(host->reconfigure(reconf({{"version", 1}, {"uid", uid}, {"revision", 1},
                                        {"grant", {{{"endpoint_id", 1}, {"peer_type", "local"},
                                                    {"peer", "probe2"}, {"direction", "out"}}}}})));
  const auto d = host->status(uid)->stats.denials;
  ASSERT_TRUE(eventually([&] { return host->status(uid)->stats.denials >= d + 2; }));
}

TEST_F(EndpointTest, BadReconfigurationsChangeNothing) {
  const auto uid = load_start(meta("echo"), "echo");
  auto r = host->reconfigure(reconf({{"version", 1}, {"uid", uid}, {"revision", 0}, {"revoke", {1}}}));
  EXPECT_FALSE(r);  // replay: revision not greater
  r = host->reconfigure(reconf({{"version", 1}, {"uid", uid}, {"revision", 1}, {"revoke", {9}}}));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("9"), std::string::npos);
  r = host->reconfigure(reconf({{"version", 1}, {"uid", "nobody"}, {"revision", 1}}));
  EXPECT_FALSE(r);
  r = host->reconfigure(bytes("{not json"));
  EXPECT_FALSE(r);
  EXPECT_EQ(host->status(uid)->revision, 0u);
  const auto n = values(uid).size();
  ASSERT_TRUE(eventually([&] { return values(uid).size() >= n + 2; }));
}

TEST_F(EndpointTest, SchedulingChangeTakesEffectAtTheNextLoop) {
  auto m = meta("echo", "50ms");
  const auto uid = load_start(m, "echo");
  ASSERT_TRUE(eventually([&] { return values(uid).size() >= 2; }));
  ASSERT_TRUE(host->reconfigure(reconf({{"version", 1}, {"uid", uid}, {"revision", 1},
                                        {"scheduling", {{"loop_period", "5ms"}, {"loop_max_duration", "5ms"}, {"priority", 2}}}})));
  auto st = host->status(uid);
  EXPECT_EQ(st->loop_period, std::chrono::milliseconds(5));
  EXPECT_EQ(st->priority, 2);
  // At 5 ms, 20 more loops take ~100 ms; at the old 50 ms they would take a second.
  const auto n = values(uid).size();
  const auto t0 = Clock::now();
  ASSERT_TRUE(eventually([&] { return values(uid).size() >= n + 20; }, 5000ms));
  EXPECT_LT(Clock::now() - t0, 700ms);
}

TEST_F(EndpointTest, SignedReconfigurationRequiredWhenPolicySaysSo) {
  HostConfig cfg;
  cfg.policy.require_signature = true;
  cfg.services.push_back(std::make_unique<ProbeService>("probe", log));
  auto h = make_host(std::move(cfg));
  ASSERT_TRUE(h);
  // Unsigned metadata is refused at load under this policy.
  auto r = (*h)->load(request(meta("echo"), guest("echo")));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().phase, Phase::security);
  auto c = (*h)->reconfigure(reconf({{"version", 1}, {"uid", "echo"}, {"revision", 1}}));
  ASSERT_FALSE(c);
  EXPECT_EQ(c.error().phase, Phase::security);
}

}  // namespace
}  // namespace tc::host::test
