// Unit tests: native and Piston request parsing, limits clamp, version selectors.
#include <gtest/gtest.h>

#include "api/limits.hpp"
#include "api/native_request.hpp"
#include "api/piston.hpp"
#include "fake_executor.hpp"

namespace tc::api {
namespace {

std::string error_of(std::string_view body) {
  auto r = parse_native_request(body, ServerLimits{});
  EXPECT_FALSE(r.has_value()) << body;
  return r ? "" : r.error().message;
}

TEST(NativeRequest, ParsesFullRequest) {
  auto r = parse_native_request(
      R"~({"language":"c","version":"*","files":[{"name":"main.c","content":"int main(){}"}],
          "cases":[{"stdin":"1"},{"stdin":"2"}],"args":["a"],"async":true,
          "run_limits":{"wall_seconds":"250ms","memory_bytes":"64MiB","pids":8,"output_bytes":1024},
          "compile_limits":{"cpu_seconds":2.5}})~",
      ServerLimits{});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->async);
  EXPECT_EQ(r->execution.language, "c");
  ASSERT_EQ(r->execution.cases.size(), 2U);
  EXPECT_EQ(r->execution.cases[1].stdin_data, "2");
  EXPECT_DOUBLE_EQ(*r->execution.run_limits.wall_seconds, 0.25);
  EXPECT_EQ(*r->execution.run_limits.memory_bytes, 64ULL << 20);
  EXPECT_EQ(*r->execution.run_limits.pids, 8U);
  EXPECT_DOUBLE_EQ(*r->execution.compile_limits.cpu_seconds, 2.5);
  EXPECT_FALSE(r->execution.compile_limits.memory_bytes);
}

TEST(NativeRequest, StdinBecomesOneCase) {
  auto r = parse_native_request(R"~({"language":"py","files":[{"content":"x"}],"stdin":"in"})~", ServerLimits{});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->execution.cases.size(), 1U);
  EXPECT_EQ(r->execution.cases[0].stdin_data, "in");
  EXPECT_FALSE(r->async);
}

TEST(NativeRequest, ErrorsNameTheField) {
  EXPECT_NE(error_of("{not json").find("body: invalid JSON"), std::string::npos);
  EXPECT_NE(error_of("[]").find("body: expected an object, got array"), std::string::npos);
  EXPECT_EQ(error_of(R"~({"files":[{"content":"x"}]})~"), "language: required field is missing");
  EXPECT_EQ(error_of(R"~({"language":5,"files":[]})~"), "language: expected a string, got number");
  EXPECT_EQ(error_of(R"~({"language":"c"})~"), "files: required field is missing");
  EXPECT_EQ(error_of(R"~({"language":"c","files":[]})~"), "files: at least one file is required");
  EXPECT_EQ(error_of(R"~({"language":"c","files":[{"content":1}]})~"),
            "files[0].content: expected a string, got number");
  EXPECT_EQ(error_of(R"~({"language":"c","files":[{"name":"a"}]})~"),
            "files[0].content: required field is missing");
  EXPECT_EQ(error_of(R"~({"language":"c","files":[{"content":""}],"colour":1})~"), "colour: unknown field");
  EXPECT_EQ(error_of(R"~({"language":"c","files":[{"content":""}],"run_limits":{"wall":1}})~"),
            "run_limits.wall: unknown field");
  EXPECT_EQ(error_of(R"~({"language":"c","files":[{"content":""}],"run_limits":{"pids":-1}})~"),
            "run_limits.pids: must be >= 0");
  EXPECT_NE(error_of(R"~({"language":"c","files":[{"content":""}],"run_limits":{"memory_bytes":"lots"}})~")
                .find("run_limits.memory_bytes:"),
            std::string::npos);
  EXPECT_EQ(error_of(R"~({"language":"c","files":[{"content":""}],"args":[1]})~"),
            "args[0]: expected a string, got number");
  EXPECT_EQ(error_of(R"~({"language":"c","files":[{"content":""}],"stdin":"","cases":[{}]})~"),
            "cases: give either stdin or cases, not both");
  EXPECT_EQ(error_of(R"~({"language":"c","files":[{"content":""}],"async":"yes"})~"),
            "async: expected a boolean, got string");
}

TEST(NativeRequest, CountsAreBounded) {
  ServerLimits limits;
  limits.max_files = 2;
  auto r = parse_native_request(R"~({"language":"c","files":[{"content":""},{"content":""},{"content":""}]})~", limits);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "files: at most 2 files allowed, got 3");
}

TEST(Limits, ClampLowersToMaximaAndFillsDefaults) {
  exec::StepLimits req;
  req.wall_seconds = 100;
  req.memory_bytes = 1024;
  exec::StepLimits def;
  def.cpu_seconds = 3;
  def.pids = 500;
  exec::StepLimits max{10.0, 10.0, 1ULL << 30, 64, 4096};
  auto c = clamp(req, def, max);
  EXPECT_DOUBLE_EQ(*c.wall_seconds, 10);       // lowered
  EXPECT_DOUBLE_EQ(*c.cpu_seconds, 3);         // profile default
  EXPECT_EQ(*c.memory_bytes, 1024U);           // as requested
  EXPECT_EQ(*c.pids, 64U);                     // default lowered to max
  EXPECT_EQ(*c.output_bytes, 4096U);           // max when nothing else
}

TEST(Piston, VersionSelectors) {
  EXPECT_TRUE(version_matches("*", "3.11.2"));
  EXPECT_TRUE(version_matches("3.11.2", "3.11.2"));
  EXPECT_TRUE(version_matches("3", "3.11.2"));
  EXPECT_TRUE(version_matches("3.x", "3.11.2"));
  EXPECT_TRUE(version_matches("^3.11", "3.11.2"));
  EXPECT_FALSE(version_matches("3.10", "3.11.2"));
  EXPECT_FALSE(version_matches("2", "3.11.2"));
  EXPECT_FALSE(version_matches("3.11.2.1", "3.11.2"));
}

TEST(Piston, ParsesRequestWithEncodingsAndMillis) {
  testing::FakeExecutor fake;
  auto r = parse_piston_request(
      R"~({"language":"py","version":"3.x","files":[{"content":"cHJpbnQoMSk=","encoding":"base64"},
          {"name":"b.txt","content":"6869","encoding":"hex"},{"content":"z"}],
          "stdin":"s","args":["1"],"run_timeout":3000,"compile_timeout":10000,
          "compile_memory_limit":-1,"run_memory_limit":1048576,"extra":"ignored"})~",
      fake.languages(), ServerLimits{});
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->language, "python");
  ASSERT_EQ(r->files.size(), 3U);
  EXPECT_EQ(r->files[0].name, "main.py");
  EXPECT_EQ(r->files[0].content, "print(1)");
  EXPECT_EQ(r->files[1].content, "hi");
  EXPECT_EQ(r->files[2].name, "file2.code");
  EXPECT_DOUBLE_EQ(*r->run_limits.wall_seconds, 3.0);
  EXPECT_EQ(*r->run_limits.memory_bytes, 1048576U);
  EXPECT_FALSE(r->compile_limits.memory_bytes);
  ASSERT_EQ(r->cases.size(), 1U);
  EXPECT_EQ(r->cases[0].stdin_data, "s");
}

TEST(Piston, Errors) {
  testing::FakeExecutor fake;
  auto err = [&](std::string_view body) {
    auto r = parse_piston_request(body, fake.languages(), ServerLimits{});
    return r ? std::string("accepted") : r.error().message;
  };
  EXPECT_EQ(err(R"~({"version":"*","files":[{"content":""}]})~"), "language is required as a string");
  EXPECT_EQ(err(R"~({"language":"py","files":[{"content":""}]})~"), "version is required as a string");
  EXPECT_EQ(err(R"~({"language":"cobol","version":"*","files":[{"content":""}]})~"), "cobol-* runtime is unknown");
  EXPECT_EQ(err(R"~({"language":"py","version":"2","files":[{"content":""}]})~"), "py-2 runtime is unknown");
  EXPECT_EQ(err(R"~({"language":"py","version":"*","files":[]})~"), "files must contain at least one file");
  EXPECT_EQ(err(R"~({"language":"py","version":"*","files":[{"content":"!!","encoding":"base64"}]})~"),
            "files[0].content: invalid base64 data");
  EXPECT_EQ(err(R"~({"language":"py","version":"*","files":[{"content":"","encoding":"rot13"}]})~"),
            "files[0].encoding: must be one of base64, hex, utf8");
  EXPECT_EQ(err(R"~({"language":"py","version":"*","files":[{"content":""}],"run_timeout":"3s"})~"),
            "run_timeout must be a number");
}

TEST(Piston, ResponseShape) {
  exec::ExecutionResult r;
  r.language = "c";
  r.version = "12.2.0";
  Outcome compile;
  compile.status = Status::ok;
  compile.exit_code = 0;
  r.compile = compile;
  Outcome run;
  run.status = Status::time_limit;
  run.signal = 9;
  run.stdout_stream.data = "out";
  run.stderr_stream.data = "err";
  r.runs.push_back(run);
  auto j = piston_response(r);
  EXPECT_EQ(j["language"], "c");
  EXPECT_EQ(j["run"]["output"], "outerr");
  EXPECT_TRUE(j["run"]["code"].is_null());
  EXPECT_EQ(j["run"]["signal"], "SIGKILL");
  EXPECT_EQ(j["run"]["status"], "TO");
  EXPECT_EQ(j["compile"]["code"], 0);
  EXPECT_TRUE(j["compile"]["signal"].is_null());
  r.runs[0].signal.reset();  // a wall-clock kill recorded as the limit only
  EXPECT_EQ(piston_response(r)["run"]["signal"], "SIGKILL");
  EXPECT_TRUE(piston_response(r)["run"]["code"].is_null());
  r.runs.clear();
  r.compile->status = Status::compile_error;
  EXPECT_FALSE(piston_response(r).contains("run"));
}

}  // namespace
}  // namespace tc::api
