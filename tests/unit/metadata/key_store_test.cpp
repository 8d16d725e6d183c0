#include "metadata/key_store.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "metadata/digest.hpp"
#include "metadata/signing_key.hpp"

namespace tc::metadata {
namespace {

namespace fs = std::filesystem;

class KeyDir : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("tc-keys-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / name, std::ios::binary) << content;
  }
  fs::path dir_;
};

std::string raw(std::span<const std::uint8_t> b) {
  return {b.begin(), b.end()};
}

TEST_F(KeyDir, LoadsHexAndRawKeys) {
  const SigningKey ed = SigningKey::generate_ed25519();
  const SigningKey mac = SigningKey::generate_hmac_sha256();
  write("fleet.ed25519.pub", to_hex(ed.verification_key()) + "\n");
  write("dev-1.hmac", raw(mac.verification_key()));
  auto store = load_key_dir(dir_);
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_EQ(store->size(), 2u);
  const VerificationKey* k = store->find("fleet");
  ASSERT_NE(k, nullptr);
  EXPECT_EQ(k->type, KeyType::ed25519_public);
  EXPECT_TRUE(std::equal(k->bytes.begin(), k->bytes.end(), ed.verification_key().begin()));
  ASSERT_NE(store->find("dev-1"), nullptr);
  EXPECT_EQ(store->find("dev-1")->type, KeyType::hmac_sha256);
  EXPECT_EQ(store->find("nobody"), nullptr);
}

TEST_F(KeyDir, RejectsUnknownFileNames) {
  write("README", "keys");
  auto store = load_key_dir(dir_);
  ASSERT_FALSE(store);
  EXPECT_EQ(
      store.error().message,
      (dir_ / "README").string() + ": unknown key file (expected <kid>.ed25519.pub or <kid>.hmac)");
}

TEST_F(KeyDir, RejectsWrongLengthAndBadHex) {
  write("a.hmac", std::string(31, 'x'));
  auto store = load_key_dir(dir_);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().message, (dir_ / "a.hmac").string() +
                                       ": expected a key of 32 bytes, raw or hex (31 bytes read)");
  fs::remove(dir_ / "a.hmac");
  write("b.ed25519.pub", std::string(63, 'a') + "z");
  store = load_key_dir(dir_);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message.find("b.ed25519.pub: expected a key of 32 bytes"),
            std::string::npos);
}

TEST_F(KeyDir, RejectsMalformedKidAndMissingDir) {
  write("bad kid.hmac", std::string(64, 'a'));
  auto store = load_key_dir(dir_);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message.find("key id \"bad kid\" is malformed"), std::string::npos);
  auto missing = load_key_dir(dir_ / "nope");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("No such file or directory"), std::string::npos);
}

TEST(KeyStore, RejectsDuplicateKid) {
  KeyStore s;
  std::array<std::uint8_t, 32> key{};
  EXPECT_TRUE(s.add("a", KeyType::hmac_sha256, key));
  auto r = s.add("a", KeyType::ed25519_public, key);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message, "key id \"a\" is defined twice");
  EXPECT_FALSE(s.add("b", KeyType::hmac_sha256, std::span<const std::uint8_t>(key).first(16)));
}

TEST_F(KeyDir, SigningKeyFromSeedOrSecret) {
  const SigningKey ed = SigningKey::generate_ed25519();
  write("k.sec", to_hex(ed.secret()));  // 64-byte secret key as 128 hex digits
  auto loaded = load_signing_key(dir_ / "k.sec", SigningAlgorithm::ed25519);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_TRUE(std::equal(ed.verification_key().begin(), ed.verification_key().end(),
                         loaded->verification_key().begin()));
  write("seed", to_hex(ed.secret().first(32)));
  loaded = load_signing_key(dir_ / "seed", SigningAlgorithm::ed25519);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_TRUE(std::equal(ed.verification_key().begin(), ed.verification_key().end(),
                         loaded->verification_key().begin()));
  std::string bad = to_hex(ed.secret());
  bad[127] = bad[127] == '0' ? '1' : '0';  // public half no longer matches the seed
  write("bad.sec", bad);
  auto r = load_signing_key(dir_ / "bad.sec", SigningAlgorithm::ed25519);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("public half does not match"), std::string::npos);
}

}  // namespace
}  // namespace tc::metadata
