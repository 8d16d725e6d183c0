#include "metadata/reconfiguration.hpp"

#include <gtest/gtest.h>

#include "metadata/permission_table.hpp"
#include "metadata/reconfiguration_codec.hpp"
#include "sample.hpp"

namespace tc::metadata {
namespace {

Reconfiguration request_json(const std::string& text) {
  auto r = decode_reconfiguration_json(text);
  EXPECT_TRUE(r) << r.error().message;
  return r ? *r : Reconfiguration{};
}

std::string apply_error(const std::string& text) {
  auto req = decode_reconfiguration_json(text);
  if (!req) return req.error().message;
  auto r = apply(test::sample(), *req, default_runtime_types());
  EXPECT_FALSE(r);
  return r ? std::string() : r.error().message;
}

TEST(Reconfiguration, ChangesSchedulingAndGrants) {
  const Metadata before = test::sample();
  const auto req = request_json(R"({
    "version": 1, "uid": "sensor-sampler", "revision": 1,
    "scheduling": {"loop_period": "50ms", "priority": 2},
    "grant": [{"endpoint_id": 9, "peer_type": "local", "peer": "led", "direction": "out"},
              {"endpoint_id": 2, "peer_type": "local", "peer": "kv", "direction": "in"}],
    "revoke": [1]
  })");
  auto after = apply(before, req, default_runtime_types());
  ASSERT_TRUE(after) << after.error().message;
  EXPECT_EQ(after->revision, 1u);
  EXPECT_EQ(after->scheduling.loop_period, std::chrono::milliseconds(50));
  EXPECT_EQ(after->scheduling.loop_max_duration, before.scheduling.loop_max_duration);
  EXPECT_EQ(after->scheduling.priority, 2);
  const auto t = PermissionTable::build(after->endpoints);
  EXPECT_EQ(t.check(1, Op::read), Decision::no_grant);          // revoked
  EXPECT_EQ(t.check(9, Op::write), Decision::allowed);          // granted
  EXPECT_EQ(t.check(2, Op::write), Decision::wrong_direction);  // replaced: now in only
  EXPECT_EQ(t.check(3, Op::write), Decision::allowed);          // untouched
  EXPECT_EQ(after->identity, before.identity);
  EXPECT_EQ(after->limits, before.limits);
}

TEST(Reconfiguration, IsAllOrNothingWithPreciseErrors) {
  EXPECT_EQ(apply_error(R"({"version":1,"uid":"sensor-sampler","revision":1,
                            "scheduling":{"loop_period":"5ms"}})"),
            "scheduling.loop_max_duration: 10000 µs exceeds loop_period (5000 µs)");
  EXPECT_EQ(apply_error(R"({"version":1,"uid":"sensor-sampler","revision":1,"revoke":[1,9]})"),
            "revoke[1]: endpoint 9 is not granted");
  EXPECT_EQ(apply_error(R"({"version":1,"uid":"sensor-sampler","revision":0})"),
            "revision: 0 is not newer than the current revision 0");
  EXPECT_EQ(apply_error(R"({"version":1,"uid":"other","revision":1})"),
            "uid: request targets \"other\", not \"sensor-sampler\"");
  EXPECT_EQ(apply_error(R"({"version":1,"uid":"sensor-sampler","revision":1,"revoke":[2],
      "grant":[{"endpoint_id":2,"peer_type":"local","peer":"kv","direction":"in"}]})"),
            "revoke[0]: endpoint 2 is also granted by grant[0]");
  EXPECT_EQ(apply_error(R"({"version":1,"uid":"sensor-sampler","revision":1,"revoke":[2,2]})"),
            "revoke[1]: duplicate id 2 (also revoke[0])");
  EXPECT_EQ(apply_error(R"({"version":1,"uid":"sensor-sampler","revision":1,
      "grant":[{"endpoint_id":5,"peer_type":"local","peer":"kv","direction":"up"}]})"),
            "grant[0].direction: expected one of in|out|both, got \"up\"");
  EXPECT_EQ(apply_error(R"({"version":1,"uid":"sensor-sampler","revision":1,
      "scheduling":{"memory_pages":3}})")
                .rfind("scheduling.memory_pages: unknown field", 0),
            0u);
  EXPECT_EQ(apply_error(R"({"version":1,"uid":"sensor-sampler"})"),
            "revision: missing required field");
}

TEST(Reconfiguration, CborRoundTripAndJsonRoundTrip) {
  const auto req = request_json(R"({"version":1,"uid":"sensor-sampler","revision":7,
    "scheduling":{"loop_max_duration":"2ms","overrun":"stop","loop_max_lifetime":100},
    "grant":[{"endpoint_id":9,"peer_type":"container","peer":"b","peer_endpoint":3,
              "direction":"both"}],"revoke":[4,3]})");
  const Bytes cbor = encode_reconfiguration_cbor(req);
  auto back = decode_reconfiguration_cbor(cbor);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, req);
  EXPECT_EQ(encode_reconfiguration_cbor(*back), cbor);
  auto json_back = decode_reconfiguration_json(encode_reconfiguration_json(req));
  ASSERT_TRUE(json_back) << json_back.error().message;
  EXPECT_EQ(*json_back, req);
}

TEST(Reconfiguration, SignedRequestsAndReplay) {
  const SigningKey key = SigningKey::generate_ed25519();
  KeyStore keys;
  ASSERT_TRUE(keys.add("ops", KeyType::ed25519_public, key.verification_key()));
  const auto req = request_json(R"({"version":1,"uid":"sensor-sampler","revision":3,
                                    "scheduling":{"priority":1}})");
  const Bytes env = sign_reconfiguration(req, "ops", key).value();
  auto loaded = load_reconfiguration(env, keys, LoadPolicy{true});
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_EQ(loaded->kid, "ops");
  auto m1 = apply(test::sample(), loaded->request, default_runtime_types());
  ASSERT_TRUE(m1);
  // Replaying the same signed request against the updated metadata is refused.
  auto replay = apply(*m1, loaded->request, default_runtime_types());
  ASSERT_FALSE(replay);
  EXPECT_EQ(replay.error().message, "revision: 3 is not newer than the current revision 3");
  // Unsigned is refused under require_signature; a signed *metadata* is not a request.
  const std::string text = encode_reconfiguration_json(req);
  EXPECT_FALSE(load_reconfiguration(Bytes(text.begin(), text.end()), keys, LoadPolicy{true}));
  const Bytes md = sign_metadata(test::sample(), "ops", key).value();
  auto confused = load_reconfiguration(md, keys, LoadPolicy{true});
  ASSERT_FALSE(confused);
  EXPECT_NE(confused.error().message.find("does not verify"), std::string::npos);
}

}  // namespace
}  // namespace tc::metadata
