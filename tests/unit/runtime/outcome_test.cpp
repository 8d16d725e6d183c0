#include "runtime/outcome.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <nlohmann/json.hpp>

#include "runtime/outcome_json.hpp"

TEST(Outcome, StatusNamesRoundTrip) {
  for (auto s : {tc::Status::ok, tc::Status::runtime_error, tc::Status::signaled,
                 tc::Status::time_limit, tc::Status::memory_limit, tc::Status::output_limit,
                 tc::Status::security_violation, tc::Status::setup_error,
                 tc::Status::internal_error, tc::Status::compile_error}) {
    EXPECT_EQ(tc::status_from_string(tc::to_string(s)), s);
  }
  EXPECT_FALSE(tc::status_from_string("nope").has_value());
}

TEST(Outcome, SignalNames) {
  EXPECT_EQ(tc::signal_name(SIGKILL), "SIGKILL");
  EXPECT_EQ(tc::signal_name(SIGSEGV), "SIGSEGV");
  EXPECT_EQ(tc::signal_name(200), "SIG200");
}

TEST(Outcome, CliExitCodeMapping) {
  tc::Outcome o;
  o.status = tc::Status::ok;
  o.exit_code = 0;
  EXPECT_EQ(tc::cli_exit_code(o), 0);
  o.status = tc::Status::runtime_error;
  o.exit_code = 3;
  EXPECT_EQ(tc::cli_exit_code(o), 3);
  o.status = tc::Status::signaled;
  o.exit_code.reset();
  o.signal = SIGSEGV;
  EXPECT_EQ(tc::cli_exit_code(o), 128 + SIGSEGV);
  o.status = tc::Status::time_limit;
  EXPECT_EQ(tc::cli_exit_code(o), 124);
  o.status = tc::Status::setup_error;
  EXPECT_EQ(tc::cli_exit_code(o), 125);
}

TEST(Outcome, JsonHasStableFields) {
  tc::Outcome o;
  o.status = tc::Status::signaled;
  o.signal = SIGKILL;
  o.stdout_stream = {"hi", 10, true};
  o.usage.wall_seconds = 0.5;
  const auto j = tc::to_json(o);
  EXPECT_EQ(j["status"], "signaled");
  EXPECT_EQ(j["signal"], "SIGKILL");
  EXPECT_TRUE(j["exit_code"].is_null());
  EXPECT_EQ(j["stdout"]["data"], "hi");
  EXPECT_EQ(j["stdout"]["bytes"], 10);
  EXPECT_EQ(j["stdout"]["truncated"], true);
  EXPECT_EQ(j["stderr"]["truncated"], false);
  EXPECT_DOUBLE_EQ(j["usage"]["wall_seconds"].get<double>(), 0.5);
  EXPECT_FALSE(j["usage"].contains("peak_memory_bytes"));
}
