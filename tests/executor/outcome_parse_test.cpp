// Unit tests: Outcome → JSON (runtime/outcome_json.hpp) → Outcome round trip.
#include <gtest/gtest.h>
#include <signal.h>

#include <nlohmann/json.hpp>

#include "executor/outcome_parse.hpp"
#include "runtime/outcome_json.hpp"

namespace tc::exec {
namespace {

TEST(OutcomeParse, RoundTripKeepsEveryField) {
  Outcome o;
  o.status = Status::security_violation;
  o.reason = "seccomp";
  o.signal = SIGSYS;
  o.violation_syscall = "unshare";
  o.usage = {0.5, 0.25, 0.125, 1024, 3, std::nullopt};
  o.stdout_stream = {"out", 10, true};
  o.stderr_stream = {"err\n", 4, false};
  o.limits_not_enforced = {"memory"};
  auto back = outcome_from_json(to_json(o).dump());
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->status, o.status);
  EXPECT_EQ(back->reason, o.reason);
  EXPECT_EQ(back->signal, SIGSYS);
  EXPECT_FALSE(back->exit_code);
  EXPECT_EQ(back->violation_syscall, "unshare");
  EXPECT_EQ(back->usage.wall_seconds, 0.5);
  EXPECT_EQ(back->usage.peak_memory_bytes, 1024u);
  EXPECT_EQ(back->usage.peak_pids, 3u);
  EXPECT_FALSE(back->usage.fuel_used);
  EXPECT_EQ(back->stdout_stream.data, "out");
  EXPECT_EQ(back->stdout_stream.total_bytes, 10u);
  EXPECT_TRUE(back->stdout_stream.truncated);
  EXPECT_EQ(back->stderr_stream.data, "err\n");
  EXPECT_EQ(back->limits_not_enforced, o.limits_not_enforced);
}

TEST(OutcomeParse, ExitCodeAndUnknownSignalNumbers) {
  Outcome o;
  o.status = Status::runtime_error;
  o.exit_code = 3;
  auto back = outcome_from_json(to_json(o).dump());
  ASSERT_TRUE(back);
  EXPECT_EQ(back->exit_code, 3);
  o.exit_code.reset();
  o.signal = 40;  // a real-time signal: "SIG40"
  back = outcome_from_json(to_json(o).dump());
  ASSERT_TRUE(back);
  EXPECT_EQ(back->signal, 40);
}

TEST(OutcomeParse, MalformedInputIsAnError) {
  EXPECT_FALSE(outcome_from_json(""));
  EXPECT_FALSE(outcome_from_json("[]"));
  EXPECT_FALSE(outcome_from_json(R"({"status":"bogus"})"));
  auto j = to_json(Outcome{});
  j["stdout"]["bytes"] = "many";
  auto r = outcome_from_json(j.dump());
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("stdout"), std::string::npos);
  j = to_json(Outcome{});
  j["signal"] = "SIGNOPE";
  EXPECT_FALSE(outcome_from_json(j.dump()));
}

}  // namespace
}  // namespace tc::exec
