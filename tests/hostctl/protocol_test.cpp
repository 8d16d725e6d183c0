// The control protocol (src/host/daemon/protocol.hpp) against a fake host: every op's round
// trip, and malformed requests refused with a precise error before the host is called.
#include <gtest/gtest.h>

#include "fake_host.hpp"
#include "host/daemon/base64.hpp"
#include "host/daemon/log_book.hpp"
#include "host/daemon/protocol.hpp"

namespace {

using nlohmann::json;
using tc::hostd::ControlProtocol;
using tc::hostd::encode_base64;

std::string b64(std::string_view s) {
  return encode_base64({reinterpret_cast<const std::uint8_t*>(s.data()), s.size()});
}
const std::string kWasm = std::string("\0asm\1\0\0\0", 8);

json load_req(const std::string& uid, bool start = false) {
  return {{"op", "load"}, {"metadata", b64(R"({"uid":")" + uid + R"("})")}, {"code", b64(kWasm)},
          {"start", start}};
}

class Protocol : public ::testing::Test {
 protected:
  json call(const json& r) { return proto_.handle(r); }
  std::string message(const json& r) { return r["error"]["message"].get<std::string>(); }
  tc::test::FakeHost host_;
  tc::hostd::LogBook logs_;
  std::atomic<bool> stopping_{false};
  ControlProtocol proto_{host_, &logs_, &stopping_};
};

TEST_F(Protocol, LoadStartStatusStopRemoveRoundTrip) {
  auto r = call(load_req("c1"));
  ASSERT_TRUE(r["ok"]) << r;
  EXPECT_EQ(r["uid"], "c1");
  EXPECT_EQ(r["status"]["state"], "loaded");
  EXPECT_EQ(host_.request_of("c1").code.size(), 8u);  // the bytes arrived decoded
  EXPECT_EQ(call({{"op", "start"}, {"uid", "c1"}})["status"]["state"], "running");
  EXPECT_EQ(call({{"op", "suspend"}, {"uid", "c1"}})["status"]["state"], "suspended");
  EXPECT_EQ(call({{"op", "resume"}, {"uid", "c1"}})["status"]["state"], "running");
  EXPECT_EQ(call({{"op", "status"}, {"uid", "c1"}})["status"]["revision"], 1);
  EXPECT_EQ(call({{"op", "stop"}, {"uid", "c1"}})["status"]["state"], "stopped");
  EXPECT_TRUE(call({{"op", "remove"}, {"uid", "c1"}})["ok"]);
  EXPECT_EQ(host_.size(), 0u);
}

TEST_F(Protocol, ListUpdateReconfigureLogsWait) {
  ASSERT_TRUE(call(load_req("a", true))["ok"]);
  ASSERT_TRUE(call(load_req("b"))["ok"]);
  auto l = call({{"op", "list"}});
  ASSERT_EQ(l["containers"].size(), 2u);
  EXPECT_EQ(l["containers"][0]["state"], "running");
  auto u = call({{"op", "update"}, {"uid", "b"}, {"metadata", b64(R"({"uid":"b"})")},
                 {"code", b64(kWasm)}, {"restart", true}});
  ASSERT_TRUE(u["ok"]) << u;
  EXPECT_EQ(u["status"]["revision"], 2);
  EXPECT_EQ(u["status"]["state"], "running");
  auto rc = call({{"op", "reconfigure"}, {"document", b64(R"({"uid":"a","priority":3})")}});
  EXPECT_TRUE(rc["ok"]) << rc;
  EXPECT_EQ(call({{"op", "status"}, {"uid", "a"}})["status"]["priority"], 3);
  logs_.append("a", "hello");
  logs_.append("a", "world");
  EXPECT_EQ(call({{"op", "logs"}, {"uid", "a"}})["lines"], json({"hello", "world"}));
  auto w = call({{"op", "wait"}, {"uid", "a"}, {"timeout_ms", 50}});
  ASSERT_TRUE(w["ok"]);
  EXPECT_TRUE(w["status"]["timed_out"]);
  std::thread t([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    host_.finish("a", tc::host::State::finished);
  });
  auto w2 = call({{"op", "wait"}, {"uid", "a"}});  // no timeout: until it ends
  t.join();
  EXPECT_FALSE(w2["status"]["timed_out"]);
  EXPECT_EQ(w2["status"]["state"], "finished");
}

TEST_F(Protocol, MalformedRequestsAreRefusedBeforeTheHostIsCalled) {
  struct Case {
    std::string line;
    std::string message;
  } cases[] = {
      {"not json", "not valid JSON"},
      {"[1,2]", "must be a JSON object"},
      {R"({"uid":"x"})", "missing field 'op'"},
      {R"({"op":7})", "field 'op' must be a string"},
      {R"({"op":"explode"})", "unknown op 'explode'"},
      {R"({"op":"start"})", "missing field 'uid'"},
      {R"({"op":"start","uid":"x","force":true})", "unknown field 'force'"},
      {R"({"op":"load","metadata":"e30=","code":"!!!"})", "field 'code': not valid base64"},
      {R"({"op":"load","metadata":"e30=","code":"AGFzbQ==","start":"yes"})", "'start' must be true or false"},
      {R"({"op":"load","code":"AGFzbQ=="})", "missing field 'metadata'"},
      {R"({"op":"wait","uid":"x","timeout_ms":-1})", "'timeout_ms' must be a non-negative integer"},
      {R"({"op":"reconfigure","document":5})", "'document' must be a base64 string"},
  };
  for (const auto& c : cases) {
    auto r = json::parse(proto_.handle_line(c.line));
    EXPECT_FALSE(r["ok"]) << c.line;
    EXPECT_EQ(r["error"]["phase"], "usage") << c.line;
    EXPECT_NE(message(r).find(c.message), std::string::npos) << c.line << " → " << r;
  }
  EXPECT_TRUE(host_.calls().empty());
}

TEST_F(Protocol, HostErrorsAreReportedWithTheirPhaseAndChangeNothing) {
  auto bad = call({{"op", "load"}, {"metadata", b64("{}")}, {"code", b64(kWasm)}});
  EXPECT_EQ(bad["error"]["phase"], "config");
  EXPECT_EQ(host_.size(), 0u);
  auto unknown = call({{"op", "stop"}, {"uid", "ghost"}});
  EXPECT_EQ(unknown["error"]["phase"], "usage");
  EXPECT_NE(message(unknown).find("ghost"), std::string::npos);
  ASSERT_TRUE(call(load_req("c"))["ok"]);
  auto invalid = call({{"op", "resume"}, {"uid", "c"}});  // loaded → resume: invalid
  EXPECT_FALSE(invalid["ok"]);
  EXPECT_EQ(call({{"op", "status"}, {"uid", "c"}})["status"]["state"], "loaded");
  EXPECT_FALSE(call({{"op", "logs"}, {"uid", "ghost"}})["ok"]);
}

TEST_F(Protocol, LoadWithStartIsAllOrNothing) {
  host_.set_fail_start(true);
  auto r = call(load_req("x", true));
  EXPECT_FALSE(r["ok"]);
  EXPECT_EQ(host_.size(), 0u) << "a load whose start failed must leave nothing behind";
}

TEST_F(Protocol, WaitEndsWhenTheDaemonStops) {
  ASSERT_TRUE(call(load_req("w", true))["ok"]);
  std::thread t([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    stopping_ = true;
  });
  auto start = std::chrono::steady_clock::now();
  auto r = call({{"op", "wait"}, {"uid", "w"}});
  t.join();
  EXPECT_FALSE(r["ok"]);
  EXPECT_NE(message(r).find("shutting down"), std::string::npos);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
}

TEST(Base64, RoundTripAndStrictness) {
  std::vector<std::uint8_t> all(256);
  for (int i = 0; i < 256; ++i) all[i] = static_cast<std::uint8_t>(i);
  auto text = encode_base64(all);
  auto back = tc::hostd::decode_base64(text, "x");
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, all);
  EXPECT_EQ(encode_base64({}), "");
  EXPECT_TRUE(tc::hostd::decode_base64("", "x"));
  EXPECT_FALSE(tc::hostd::decode_base64("QQ", "x"));       // missing padding
  EXPECT_FALSE(tc::hostd::decode_base64("QQ==\n", "x"));   // trailing garbage
  EXPECT_FALSE(tc::hostd::decode_base64("Q-Q=", "x"));     // URL-safe alphabet
}

TEST(LogBookTest, KeepsTheLastLinesPerContainerAndForgetsTheOldestContainer) {
  tc::hostd::LogBook book(2, 2);
  book.append("a", "1");
  book.append("a", "2");
  book.append("a", "3");
  EXPECT_EQ(book.lines("a"), (std::vector<std::string>{"2", "3"}));
  book.append("b", "x");
  book.append("c", "y");  // a is the least recently written: forgotten
  EXPECT_TRUE(book.lines("a").empty());
  EXPECT_EQ(book.lines("c"), (std::vector<std::string>{"y"}));
}

}  // namespace
