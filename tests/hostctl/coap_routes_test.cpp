// The CoAP /container resources (coap_routes.hpp) against a fake host, without a network:
// every resource and method, CBOR and JSON bodies, and the error codes.
#include <gtest/gtest.h>

#include "fake_host.hpp"
#include "host/daemon/coap_routes.hpp"

namespace {

using nlohmann::json;
using tc::hostd::CoapMethod;
using tc::hostd::CoapReply;
using tc::hostd::CoapRequest;

std::vector<std::uint8_t> bytes(std::string_view s) { return {s.begin(), s.end()}; }
const std::vector<std::uint8_t> kWasm = {0, 'a', 's', 'm', 1, 0, 0, 0};

std::vector<std::uint8_t> load_body(const std::string& uid, bool start) {
  json j{{"metadata", json::binary(bytes(R"({"uid":")" + uid + R"("})"))},
         {"code", json::binary(kWasm)},
         {"start", start}};
  return json::to_cbor(j);
}

class Coap : public ::testing::Test {
 protected:
  CoapReply req(CoapMethod m, std::vector<std::string> path, std::vector<std::uint8_t> body = {},
                std::optional<std::uint16_t> cf = std::nullopt,
                std::optional<std::uint16_t> accept = std::nullopt) {
    body_ = std::move(body);
    return routes_.handle(CoapRequest{m, std::move(path), cf, accept, body_});
  }
  static json cbor(const CoapReply& r) { return json::from_cbor(r.payload); }
  static std::string text(const CoapReply& r) { return {r.payload.begin(), r.payload.end()}; }
  tc::test::FakeHost host_;
  tc::hostd::CoapRoutes routes_{host_, 4096};
  std::vector<std::uint8_t> body_;
};

TEST_F(Coap, LoadStartStatusListStopDelete) {
  auto created = req(CoapMethod::post, {"container"}, load_body("c1", false), 60);
  ASSERT_EQ(created.code, 201) << text(created);
  EXPECT_EQ(created.content_format, 60);
  EXPECT_EQ(cbor(created)["uid"], "c1");
  EXPECT_EQ(host_.request_of("c1").code, kWasm);  // bytes travelled natively (bstr)
  auto started = req(CoapMethod::post, {"container", "c1", "start"});
  ASSERT_EQ(started.code, 204) << text(started);
  EXPECT_EQ(cbor(started)["state"], "running");
  auto status = req(CoapMethod::get, {"container", "c1"});
  EXPECT_EQ(status.code, 205);
  EXPECT_EQ(cbor(status)["state"], "running");
  auto list = req(CoapMethod::get, {"container"}, {}, std::nullopt, 50);  // Accept: JSON
  EXPECT_EQ(list.code, 205);
  EXPECT_EQ(list.content_format, 50);
  EXPECT_EQ(json::parse(text(list))[0]["uid"], "c1");
  EXPECT_EQ(req(CoapMethod::post, {"container", "c1", "suspend"}).code, 204);
  EXPECT_EQ(req(CoapMethod::post, {"container", "c1", "resume"}).code, 204);
  EXPECT_EQ(req(CoapMethod::post, {"container", "c1", "stop"}).code, 204);
  EXPECT_EQ(req(CoapMethod::del, {"container", "c1"}).code, 202);
  EXPECT_EQ(host_.size(), 0u);
}

TEST_F(Coap, JsonBodiesCarryBase64AndUpdateReplaces) {
  std::string body = R"({"metadata":"eyJ1aWQiOiJqIn0=","code":"AGFzbQEAAAA=","start":true})";
  auto created = req(CoapMethod::post, {"container"}, bytes(body), 50);
  ASSERT_EQ(created.code, 201) << text(created);
  EXPECT_EQ(cbor(created)["status"]["state"], "running");
  std::string upd = R"({"metadata":"eyJ1aWQiOiJqIn0=","code":"AGFzbQEAAAA=","restart":false})";
  auto updated = req(CoapMethod::put, {"container", "j"}, bytes(upd));  // no Content-Format: '{'
  ASSERT_EQ(updated.code, 204) << text(updated);
  EXPECT_EQ(cbor(updated)["revision"], 2);
  EXPECT_EQ(req(CoapMethod::post, {"reconfigure"}, bytes(R"({"uid":"j","priority":9})")).code, 204);
  EXPECT_EQ(cbor(req(CoapMethod::get, {"container", "j"}))["priority"], 9);
}

TEST_F(Coap, ErrorsHaveTheirCodesAndChangeNothing) {
  EXPECT_EQ(req(CoapMethod::get, {"nothing"}).code, 404);
  EXPECT_EQ(req(CoapMethod::get, {"container", "ghost"}).code, 404);
  EXPECT_EQ(req(CoapMethod::del, {"container"}).code, 405);
  EXPECT_EQ(req(CoapMethod::post, {"container"}, bytes("garbage"), 60).code, 400);
  EXPECT_EQ(req(CoapMethod::post, {"container"}, bytes("{}"), 0).code, 415);  // text/plain
  auto missing = req(CoapMethod::post, {"container"}, json::to_cbor(json{{"code", "x"}}), 60);
  EXPECT_EQ(missing.code, 400);
  EXPECT_NE(text(missing).find("missing field 'metadata'"), std::string::npos) << text(missing);
  auto extra = json::from_cbor(load_body("e", false));
  extra["evil"] = true;
  EXPECT_EQ(req(CoapMethod::post, {"container"}, json::to_cbor(extra), 60).code, 400);
  EXPECT_EQ(req(CoapMethod::post, {"container"}, std::vector<std::uint8_t>(5000, 0xa0), 60).code, 413);
  EXPECT_TRUE(host_.calls().empty()) << "a malformed body must never reach the host";
  ASSERT_EQ(req(CoapMethod::post, {"container"}, load_body("c", false), 60).code, 201);
  auto invalid = req(CoapMethod::post, {"container", "c", "resume"});  // loaded → resume
  EXPECT_EQ(invalid.code, 409);
  EXPECT_FALSE(invalid.content_format);  // diagnostic payload
  EXPECT_EQ(req(CoapMethod::post, {"container", "c", "explode"}).code, 404);
  EXPECT_EQ(req(CoapMethod::get, {"container", "c", "start"}).code, 405);
  EXPECT_EQ(cbor(req(CoapMethod::get, {"container", "c"}))["state"], "loaded");
  host_.set_fail_start(true);
  EXPECT_GE(req(CoapMethod::post, {"container"}, load_body("f", true), 60).code, 400);
  EXPECT_EQ(host_.size(), 1u) << "load+start that fails leaves nothing";
}

}  // namespace
