#include "metadata/json_codec.hpp"

#include <gtest/gtest.h>

#include "sample.hpp"

namespace tc::metadata {
namespace {

using nlohmann::json;
using test::decode;
using test::sample_json;

std::string error_of(const json& j) {
  auto r = decode(j);
  EXPECT_FALSE(r.has_value()) << "expected an error for " << j.dump();
  return r ? std::string() : r.error().message;
}

TEST(MetadataJson, DecodesEveryField) {
  auto r = decode(sample_json());
  ASSERT_TRUE(r) << r.error().message;
  const Metadata& m = *r;
  EXPECT_EQ(m.identity.uid, "sensor-sampler");
  EXPECT_EQ(m.identity.runtime, "wasm");
  EXPECT_EQ(m.identity.code.ref, "sensor_sampler.wasm");
  EXPECT_FALSE(m.identity.data);
  EXPECT_EQ(m.scheduling.loop_period, std::chrono::milliseconds(100));
  EXPECT_EQ(m.scheduling.loop_max_duration, std::chrono::milliseconds(10));
  EXPECT_EQ(m.scheduling.start_max_duration, std::chrono::milliseconds(5));
  EXPECT_EQ(m.scheduling.priority, 8);
  EXPECT_EQ(m.scheduling.overrun, OverrunPolicy::preempt_resume);
  EXPECT_EQ(m.limits.memory_pages, 2u);
  EXPECT_EQ(m.limits.storage_quota, 4096u);
  ASSERT_EQ(m.endpoints.size(), 4u);
  EXPECT_EQ(m.endpoints[2].peer_type, PeerType::container);
  EXPECT_EQ(m.endpoints[2].peer_endpoint, 1u);
  EXPECT_EQ(m.endpoints[0].direction, Direction::in);
  ASSERT_TRUE(m.integrity.code_sha256);
  EXPECT_EQ((*m.integrity.code_sha256)[0], 0x9f);
}

TEST(MetadataJson, AppliesDefaults) {
  json j = {{"version", 1},
            {"uid", "a"},
            {"runtime", "linux"},
            {"code", "a.bin"},
            {"scheduling", {{"loop_period", 20000}}}};
  auto r = decode(j);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->identity.name, "a");
  EXPECT_EQ(r->scheduling.loop_period, std::chrono::milliseconds(20));
  EXPECT_EQ(r->scheduling.loop_max_duration, std::chrono::milliseconds(20));
  EXPECT_EQ(r->scheduling.start_max_duration, std::chrono::milliseconds(100));
  EXPECT_EQ(r->scheduling.priority, 16);
  EXPECT_EQ(r->scheduling.overrun, OverrunPolicy::skip);
  EXPECT_EQ(r->limits, Limits{});
  EXPECT_TRUE(r->endpoints.empty());
}

TEST(MetadataJson, DurationsAcceptStringsAndMicroseconds) {
  json j = sample_json();
  j["scheduling"]["loop_period"] = "1.5s";
  j["scheduling"]["loop_max_duration"] = 250;
  auto r = decode(j);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->scheduling.loop_period, std::chrono::microseconds(1'500'000));
  EXPECT_EQ(r->scheduling.loop_max_duration, std::chrono::microseconds(250));
}

TEST(MetadataJson, RejectsUnknownFieldWithPath) {
  json j = sample_json();
  j["scheduling"]["loop_perod"] = "1ms";
  EXPECT_EQ(error_of(j).rfind("scheduling.loop_perod: unknown field", 0), 0u) << error_of(j);
  j = sample_json();
  j["endpoints"][1]["mode"] = "rw";
  EXPECT_EQ(error_of(j).rfind("endpoints[1].mode: unknown field", 0), 0u);
  j = sample_json();
  j["colour"] = "blue";
  EXPECT_EQ(error_of(j).rfind("colour: unknown field", 0), 0u);
}

TEST(MetadataJson, RejectsBadEnumWithExpectedValues) {
  json j = sample_json();
  j["endpoints"][2]["direction"] = "sideways";
  EXPECT_EQ(error_of(j), "endpoints[2].direction: expected one of in|out|both, got \"sideways\"");
  j = sample_json();
  j["scheduling"]["overrun"] = "ignore";
  EXPECT_EQ(error_of(j),
            "scheduling.overrun: expected one of skip|preempt_resume|stop, got \"ignore\"");
  j = sample_json();
  j["endpoints"][0]["peer_type"] = "cloud";
  EXPECT_EQ(error_of(j),
            "endpoints[0].peer_type: expected one of local|container|remote, got \"cloud\"");
  j = sample_json();
  j["runtime"] = "jvm";
  EXPECT_EQ(error_of(j), "runtime: expected one of linux|wasm, got \"jvm\"");
}

TEST(MetadataJson, RejectsWrongTypes) {
  json j = sample_json();
  j["scheduling"]["priority"] = "high";
  EXPECT_EQ(error_of(j), "scheduling.priority: expected an unsigned integer, got string");
  j = sample_json();
  j["scheduling"]["priority"] = -1;
  EXPECT_EQ(error_of(j),
            "scheduling.priority: expected an unsigned integer, got a negative number");
  j = sample_json();
  j["limits"]["memory_pages"] = 1.5;
  EXPECT_EQ(error_of(j),
            "limits.memory_pages: expected an unsigned integer, got a fractional number");
  j = sample_json();
  j["endpoints"] = json::object();
  EXPECT_EQ(error_of(j), "endpoints: expected an array, got object");
  j = sample_json();
  j["uid"] = 7;
  EXPECT_EQ(error_of(j), "uid: expected a string, got number");
  EXPECT_EQ(error_of(json::array()), "document: expected an object, got array");
}

TEST(MetadataJson, RejectsMissingRequiredFields) {
  for (const char* field : {"version", "uid", "runtime", "code", "scheduling"}) {
    json j = sample_json();
    j.erase(field);
    EXPECT_EQ(error_of(j), std::string(field) + ": missing required field");
  }
  json j = sample_json();
  j["scheduling"].erase("loop_period");
  EXPECT_EQ(error_of(j), "scheduling.loop_period: missing required field");
  j = sample_json();
  j["endpoints"][3].erase("direction");
  EXPECT_EQ(error_of(j), "endpoints[3].direction: missing required field");
}

TEST(MetadataJson, RejectsOutOfRange) {
  json j = sample_json();
  j["scheduling"]["loop_period"] = "500us";
  EXPECT_EQ(error_of(j),
            "scheduling.loop_period: 500 µs is out of range [1000 µs, 86400000000 µs]");
  j = sample_json();
  j["scheduling"]["loop_max_duration"] = "200ms";
  EXPECT_EQ(error_of(j), "scheduling.loop_max_duration: 200000 µs exceeds loop_period (100000 µs)");
  j = sample_json();
  j["scheduling"]["priority"] = 32;
  EXPECT_EQ(error_of(j), "scheduling.priority: 32 is out of range [0, 31]");
  j = sample_json();
  j["limits"]["memory_pages"] = 65537;
  EXPECT_EQ(error_of(j), "limits.memory_pages: 65537 is out of range [1, 65536]");
  j = sample_json();
  j["limits"]["memory_pages"] = 0;
  EXPECT_EQ(error_of(j), "limits.memory_pages: 0 is out of range [1, 65536]");
  j = sample_json();
  j["scheduling"]["loop_period"] = "1ns";
  EXPECT_EQ(error_of(j), "scheduling.loop_period: \"1ns\" is not a whole number of microseconds");
  j = sample_json();
  j["endpoints"][0]["endpoint_id"] = 4294967296ULL;
  EXPECT_EQ(error_of(j), "endpoints[0].endpoint_id: 4294967296 is out of range [0, 4294967295]");
}

TEST(MetadataJson, RejectsDuplicateEndpointIds) {
  json j = sample_json();
  j["endpoints"][2]["endpoint_id"] = 1;
  EXPECT_EQ(error_of(j), "endpoints[2].endpoint_id: duplicate id 1 (also endpoints[0])");
}

TEST(MetadataJson, RejectsMalformedDigests) {
  json j = sample_json();
  j["integrity"]["code_sha256"] = "abc";
  EXPECT_EQ(error_of(j),
            "integrity.code_sha256: malformed digest: expected 64 hex digits "
            "(SHA-256), got 3 characters");
  j = sample_json();
  j["integrity"]["code_sha256"] = std::string(63, '0') + "g";
  EXPECT_EQ(error_of(j), "integrity.code_sha256: malformed digest: invalid hex digit at offset 63");
  j = sample_json();
  j["integrity"]["data_sha256"] = std::string(64, 'a');
  EXPECT_EQ(error_of(j), "integrity.data_sha256: present but the container has no data blob");
}

TEST(MetadataJson, RejectsBadNames) {
  json j = sample_json();
  j["uid"] = "Sensor Sampler";
  EXPECT_EQ(error_of(j).rfind("uid: \"Sensor Sampler\" is not a uid", 0), 0u);
  j = sample_json();
  j["endpoints"][2]["peer"] = "../etc";
  EXPECT_EQ(error_of(j), "endpoints[2].peer: \"../etc\" is not a container uid");
  j = sample_json();
  j["endpoints"][3]["peer"] = "not a uri";
  EXPECT_EQ(error_of(j).rfind("endpoints[3].peer: \"not a uri\" is not a URI", 0), 0u);
  j = sample_json();
  j["name"] = "bad\nname";
  EXPECT_EQ(error_of(j).rfind("name: must be", 0), 0u);
}

TEST(MetadataJson, RejectsSyntaxErrorsAndDuplicateKeys) {
  auto r = decode_json("{\"version\": 1,", default_runtime_types());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message.rfind("JSON syntax: ", 0), 0u);
  r = decode_json(R"({"version": 1, "version": 1})", default_runtime_types());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "duplicate key \"version\"");
  r = decode_json(std::string(kMaxDocumentBytes + 1, ' '), default_runtime_types());
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("over the limit"), std::string::npos);
}

TEST(MetadataJson, RuntimeTypesComeFromTheCaller) {
  json j = sample_json();
  j["runtime"] = "micropython";
  EXPECT_FALSE(decode(j));
  RuntimeTypes more({"wasm", "linux", "micropython"});
  EXPECT_TRUE(decode_json(j.dump(), more));
}

TEST(MetadataJson, EncodeDecodeIsIdentity) {
  const Metadata m = test::sample();
  const std::string text = encode_json(m);
  auto back = decode_json(text, default_runtime_types());
  ASSERT_TRUE(back) << back.error().message << "\n" << text;
  EXPECT_EQ(*back, m);
  EXPECT_EQ(encode_json(*back), text);
  EXPECT_NE(text.find("\"loop_period\": \"100ms\""), std::string::npos) << text;
}

}  // namespace
}  // namespace tc::metadata

namespace tc::metadata {
namespace {

TEST(MetadataJson, DeepNestingStopsEarly) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  auto r = decode_json(deep, default_runtime_types());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "JSON nesting deeper than 16 levels");
  const std::string deep_obj =
      R"({"scheduling": )" + std::string(40, '[') + std::string(40, ']') + "}";
  r = decode_json(deep_obj, default_runtime_types());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "JSON nesting deeper than 16 levels");
}

}  // namespace
}  // namespace tc::metadata

namespace tc::metadata {
namespace {

TEST(MetadataJson, UntrustedTextIsEscapedInMessages) {
  nlohmann::json j = test::sample_json();
  j["uid"] = "evil\n\x1b[31mred";
  auto r = test::decode(j);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message.rfind(R"(uid: "evil\x0a\x1b[31mred" is not a uid)", 0), 0u)
      << r.error().message;
  j = test::sample_json();
  j["endpoints"][0]["direction"] = std::string(100, 'x');
  r = test::decode(j);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "endpoints[0].direction: expected one of in|out|both, got \"" +
                                   std::string(64, 'x') + "...\"");
  j = test::sample_json();
  j["bad\tkey"] = 1;
  r = test::decode(j);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message.rfind(R"("bad\x09key": unknown field)", 0), 0u) << r.error().message;
}

}  // namespace
}  // namespace tc::metadata
