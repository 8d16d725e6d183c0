// Every sample in examples/metadata is a test: valid ones decode, round-trip through
// CBOR and agree with each other; invalid ones fail with their recorded message.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "metadata/cbor_codec.hpp"
#include "metadata/json_codec.hpp"
#include "metadata/reconfiguration_codec.hpp"

namespace tc::metadata {
namespace {

namespace fs = std::filesystem;
const fs::path kDir = TC_METADATA_EXAMPLES_DIR;

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<fs::path> files(const fs::path& dir, std::string_view prefix, bool with_prefix) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (e.path().extension() != ".json") continue;
    if ((name.rfind(prefix, 0) == 0) == with_prefix) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::map<std::string, Metadata> load_all() {
  std::map<std::string, Metadata> out;
  for (const auto& p : files(kDir, "reconfigure-", false)) {
    auto m = decode_json(slurp(p), default_runtime_types());
    EXPECT_TRUE(m) << p << ": " << m.error().message;
    if (m) out.emplace(m->identity.uid, *m);
  }
  return out;
}

TEST(MetadataExamples, EveryExampleValidatesAndRoundTrips) {
  const auto all = load_all();
  EXPECT_GE(all.size(), 4u);
  for (const auto& [uid, m] : all) {
    auto back = decode_cbor(encode_cbor(m), default_runtime_types());
    ASSERT_TRUE(back) << uid << ": " << back.error().message;
    EXPECT_EQ(*back, m) << uid;
    EXPECT_EQ(encode_json(*back), encode_json(m)) << uid;
  }
  EXPECT_TRUE(all.contains("sensor-sampler"));
  EXPECT_TRUE(all.contains("curious"));
  EXPECT_TRUE(all.contains("producer"));
  EXPECT_TRUE(all.contains("consumer"));
}

TEST(MetadataExamples, ContainerLinksAreGrantedOnBothSides) {
  const auto all = load_all();
  int links = 0;
  for (const auto& [uid, m] : all) {
    for (const auto& e : m.endpoints) {
      if (e.peer_type != PeerType::container) continue;
      ASSERT_TRUE(all.contains(e.peer)) << uid << " → unknown container " << e.peer;
      const auto& peer = all.at(e.peer);
      auto back = std::find_if(peer.endpoints.begin(), peer.endpoints.end(),
                               [&](const Endpoint& p) { return p.endpoint_id == e.peer_endpoint; });
      ASSERT_NE(back, peer.endpoints.end()) << uid << " → " << e.peer << "#" << e.peer_endpoint;
      EXPECT_EQ(back->peer_type, PeerType::container);
      EXPECT_EQ(back->peer, uid);
      EXPECT_EQ(back->peer_endpoint, e.endpoint_id);
      const auto bits = static_cast<unsigned>(e.direction) | static_cast<unsigned>(back->direction);
      EXPECT_EQ(bits, 3u) << uid << " and " << e.peer << " must point opposite directions";
      ++links;
    }
  }
  EXPECT_GE(links, 2);
}

TEST(MetadataExamples, UnauthorizedExampleLacksTheKvGrant) {
  const auto all = load_all();
  const auto& m = all.at("curious");
  for (const auto& e : m.endpoints) EXPECT_NE(e.peer, "kv");
}

TEST(MetadataExamples, ReconfigurationsApply) {
  const auto all = load_all();
  const auto reconfs = files(kDir, "reconfigure-", true);
  EXPECT_FALSE(reconfs.empty());
  for (const auto& p : reconfs) {
    auto req = decode_reconfiguration_json(slurp(p));
    ASSERT_TRUE(req) << p << ": " << req.error().message;
    ASSERT_TRUE(all.contains(req->uid)) << p;
    auto next = apply(all.at(req->uid), *req, default_runtime_types());
    EXPECT_TRUE(next) << p << ": " << next.error().message;
  }
}

TEST(MetadataExamples, InvalidExamplesFailWithTheirMessage) {
  const auto bad = files(kDir / "invalid", "", true);
  EXPECT_GE(bad.size(), 5u);
  for (const auto& p : bad) {
    auto expected = slurp(fs::path(p).replace_extension(".error"));
    while (!expected.empty() && expected.back() == '\n') expected.pop_back();
    auto m = decode_json(slurp(p), default_runtime_types());
    ASSERT_FALSE(m) << p;
    EXPECT_EQ(m.error().message, expected) << p;
  }
}

}  // namespace
}  // namespace tc::metadata
