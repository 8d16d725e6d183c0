#include "services/kv_service.hpp"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "services/kv_log.hpp"
#include "services/kv_request.hpp"
#include "services/le_bytes.hpp"
#include "services/wire.h"
#include "service_test_util.hpp"
#include "temp_dir.hpp"

namespace tc::services {
namespace {

namespace abi = host::abi;
using testing::open_local;
using testing::TempDir;

// A kv client over one session, as a guest would use it.
class Client {
 public:
  explicit Client(std::unique_ptr<host::Session> s) : s_(std::move(s)) {}
  std::int32_t put(std::string_view k, std::string_view v) {
    return s_->call(mem_, encode_kv_request(KvOp::put, k, v), resp_);
  }
  std::int32_t erase(std::string_view k) {
    return s_->call(mem_, encode_kv_request(KvOp::erase, k), resp_);
  }
  // The value, or the code as text ("#-10").
  std::string get(std::string_view k) {
    const std::int32_t n = s_->call(mem_, encode_kv_request(KvOp::get, k), resp_);
    if (n < 0) return "#" + std::to_string(n);
    return std::string(reinterpret_cast<const char*>(resp_.data()), static_cast<std::size_t>(n));
  }
  struct Listing {
    std::vector<std::string> keys;
    bool more = false;
    std::int32_t code = 0;
  };
  Listing list(std::string_view prefix, std::string_view cursor = {}, std::size_t cap = 4096) {
    std::vector<std::uint8_t> out(cap);
    Listing l;
    l.code = s_->call(mem_, encode_kv_request(KvOp::list, prefix, cursor), out);
    if (l.code < 0) return l;
    const std::uint16_t count = load_le<std::uint16_t>(out, 0);
    l.more = (load_le<std::uint16_t>(out, 2) & TC_KV_LIST_MORE) != 0;
    std::size_t at = TC_KV_LIST_HEADER_SIZE;
    for (std::uint16_t i = 0; i < count; ++i) {
      const std::uint16_t len = load_le<std::uint16_t>(out, at);
      l.keys.emplace_back(reinterpret_cast<const char*>(out.data()) + at + 2, len);
      at += 2 + len;
    }
    EXPECT_EQ(at, static_cast<std::size_t>(l.code));
    return l;
  }
  host::Session& session() { return *s_; }

 private:
  std::unique_ptr<host::Session> s_;
  std::vector<std::uint8_t> mem_;
  std::vector<std::uint8_t> resp_ = std::vector<std::uint8_t>(TC_KV_MAX_VALUE);
};

Client open_client(KvService& kv, std::string_view uid, std::uint64_t quota = 64 * 1024) {
  metadata::Limits limits;
  limits.storage_quota = quota;
  auto o = open_local(kv, uid, limits);
  EXPECT_EQ(o.code, abi::kOk);
  return Client(std::move(o.session));
}

TEST(KvService, GetPutDeleteInMemory) {
  KvService kv({});
  auto c = open_client(kv, "c1");
  EXPECT_EQ(c.get("a"), "#" + std::to_string(abi::kNotFound));
  EXPECT_EQ(c.put("a", "1"), abi::kOk);
  EXPECT_EQ(c.put("b", ""), abi::kOk);  // empty values are values
  EXPECT_EQ(c.get("a"), "1");
  EXPECT_EQ(c.get("b"), "");
  EXPECT_EQ(c.put("a", "22"), abi::kOk);
  EXPECT_EQ(c.get("a"), "22");
  EXPECT_EQ(c.erase("a"), abi::kOk);
  EXPECT_EQ(c.erase("a"), abi::kNotFound);
  EXPECT_EQ(c.get("a"), "#" + std::to_string(abi::kNotFound));
  EXPECT_EQ(kv.usage("c1")->bytes, 1u);
  std::vector<std::uint8_t> mem, buf(8);
  EXPECT_EQ(c.session().read(mem, buf), abi::kUnsupported);
  EXPECT_EQ(c.session().write(mem, buf), abi::kUnsupported);
}

TEST(KvService, NamespacesAreSeparatedByUid) {
  KvService kv({});
  auto a = open_client(kv, "a");
  auto b = open_client(kv, "b");
  EXPECT_EQ(a.put("k", "from-a"), abi::kOk);
  EXPECT_EQ(b.get("k"), "#" + std::to_string(abi::kNotFound));
  EXPECT_EQ(b.put("k", "from-b"), abi::kOk);
  EXPECT_EQ(a.get("k"), "from-a");
  EXPECT_EQ(b.get("k"), "from-b");
}

TEST(KvService, QuotaCountsKeysAndValues) {
  KvService kv({});
  auto c = open_client(kv, "c1", 10);
  EXPECT_EQ(c.put("abc", "1234567"), abi::kOk);  // 3 + 7 = 10
  EXPECT_EQ(c.put("d", ""), abi::kFull);
  EXPECT_EQ(c.put("abc", "12345678"), abi::kFull);
  EXPECT_EQ(c.put("abc", "12"), abi::kOk);  // shrinking is fine
  EXPECT_EQ(c.put("de", "123"), abi::kOk);  // 5 + 5 = 10
  EXPECT_EQ(kv.usage("c1")->bytes, 10u);
  EXPECT_EQ(c.erase("abc"), abi::kOk);
  EXPECT_EQ(c.put("fg", "1"), abi::kOk);
  auto none = open_client(kv, "nostore", 0);
  EXPECT_EQ(none.put("k", ""), abi::kFull);
}

TEST(KvService, ListByPrefixWithCursorAndPaging) {
  KvService kv({});
  auto c = open_client(kv, "c1");
  for (const char* k : {"s/1", "s/2", "s/3", "t/1", "r"}) ASSERT_EQ(c.put(k, "v"), abi::kOk);
  auto all = c.list("");
  EXPECT_EQ(all.keys, (std::vector<std::string>{"r", "s/1", "s/2", "s/3", "t/1"}));
  EXPECT_FALSE(all.more);
  EXPECT_EQ(c.list("s/").keys, (std::vector<std::string>{"s/1", "s/2", "s/3"}));
  EXPECT_EQ(c.list("s/", "s/1").keys, (std::vector<std::string>{"s/2", "s/3"}));
  EXPECT_TRUE(c.list("x").keys.empty());
  // A buffer for the header + two 3-byte keys: paging with MORE and the cursor.
  auto page = c.list("s/", {}, TC_KV_LIST_HEADER_SIZE + 2 * 5);
  EXPECT_EQ(page.keys, (std::vector<std::string>{"s/1", "s/2"}));
  EXPECT_TRUE(page.more);
  auto rest = c.list("s/", page.keys.back(), TC_KV_LIST_HEADER_SIZE + 2 * 5);
  EXPECT_EQ(rest.keys, (std::vector<std::string>{"s/3"}));
  EXPECT_FALSE(rest.more);
  EXPECT_EQ(c.list("s/", {}, 3).code, abi::kTooBig);
}

TEST(KvService, GetIntoAShortBufferIsTooBig) {
  KvService kv({});
  auto c = open_client(kv, "c1");
  ASSERT_EQ(c.put("k", "0123456789"), abi::kOk);
  std::vector<std::uint8_t> mem, small(4);
  EXPECT_EQ(c.session().call(mem, encode_kv_request(KvOp::get, "k"), small), abi::kTooBig);
}

TEST(KvService, MalformedRequestsAreInvalid) {
  KvService kv({});
  auto c = open_client(kv, "c1");
  std::vector<std::uint8_t> mem, out(64);
  auto call = [&](std::vector<std::uint8_t> req) { return c.session().call(mem, req, out); };
  EXPECT_EQ(call({}), abi::kInvalid);
  EXPECT_EQ(call({1, 0, 1}), abi::kInvalid);  // short header
  auto good = encode_kv_request(KvOp::get, "k");
  auto bad = good;
  bad[0] = 9;  // unknown op
  EXPECT_EQ(call(bad), abi::kInvalid);
  bad = good;
  bad[1] = 1;  // flags
  EXPECT_EQ(call(bad), abi::kInvalid);
  bad = good;
  bad.push_back(0);  // trailing byte
  EXPECT_EQ(call(bad), abi::kInvalid);
  bad = good;
  bad.pop_back();  // key shorter than key_len
  EXPECT_EQ(call(bad), abi::kInvalid);
  EXPECT_EQ(call(encode_kv_request(KvOp::get, "")), abi::kInvalid);
  EXPECT_EQ(call(encode_kv_request(KvOp::get, "k", "v")), abi::kInvalid);
  EXPECT_EQ(call(encode_kv_request(KvOp::erase, "k", "v")), abi::kInvalid);
  EXPECT_EQ(call(encode_kv_request(KvOp::put, std::string(TC_KV_MAX_KEY + 1, 'k'), "v")),
            abi::kInvalid);
  EXPECT_EQ(call(encode_kv_request(KvOp::put, "k", std::string(TC_KV_MAX_VALUE + 1, 'v'))),
            abi::kInvalid);
  EXPECT_EQ(call(encode_kv_request(KvOp::put, std::string(TC_KV_MAX_KEY, 'k'), "v")), abi::kOk);
}

TEST(KvService, RefusesANonUidNamespace) {
  KvService kv({});
  EXPECT_EQ(open_local(kv, "../etc").code, abi::kInvalid);
  EXPECT_EQ(open_local(kv, "").code, abi::kInvalid);
}

TEST(KvService, PersistsAcrossServiceRecreation) {
  TempDir dir;
  {
    KvService kv({dir.path(), false, nullptr});
    auto c = open_client(kv, "sampler");
    ASSERT_EQ(c.put("n", "1"), abi::kOk);
    ASSERT_EQ(c.put("n", "2"), abi::kOk);
    ASSERT_EQ(c.put("gone", "x"), abi::kOk);
    ASSERT_EQ(c.erase("gone"), abi::kOk);
    ASSERT_EQ(c.put(std::string("bin\0key", 7), std::string("\0\xff", 2)), abi::kOk);
  }
  EXPECT_TRUE(std::filesystem::exists(dir.path() + "/kv/sampler.kvlog"));
  KvService kv({dir.path(), false, nullptr});
  auto c = open_client(kv, "sampler");
  EXPECT_EQ(c.get("n"), "2");
  EXPECT_EQ(c.get("gone"), "#" + std::to_string(abi::kNotFound));
  EXPECT_EQ(c.get(std::string("bin\0key", 7)), std::string("\0\xff", 2));
  EXPECT_EQ(kv.usage("sampler")->entries, 2u);
}

TEST(KvService, SyncModePersistsToo) {
  TempDir dir;
  {
    KvService kv({dir.path(), true, nullptr});
    auto c = open_client(kv, "c1");
    ASSERT_EQ(c.put("k", "durable"), abi::kOk);
  }
  KvService kv({dir.path(), true, nullptr});
  EXPECT_EQ(open_client(kv, "c1").get("k"), "durable");
}

TEST(KvService, RemovalUnloadsButKeepsTheData) {
  TempDir dir;
  KvService kv({dir.path(), false, nullptr});
  {
    auto c = open_client(kv, "c1");
    ASSERT_EQ(c.put("k", "v"), abi::kOk);
  }
  kv.on_container_removed("c1");
  EXPECT_FALSE(kv.usage("c1").has_value());
  auto c = open_client(kv, "c1");
  EXPECT_EQ(c.get("k"), "v");
}

TEST(KvService, NoFileUntilTheFirstMutation) {
  TempDir dir;
  KvService kv({dir.path(), false, nullptr});
  auto c = open_client(kv, "reader");
  EXPECT_EQ(c.get("k"), "#" + std::to_string(abi::kNotFound));
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/kv/reader.kvlog"));
}

std::vector<std::uint8_t> read_file(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
void write_file(const std::string& p, const std::vector<std::uint8_t>& b) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
}

TEST(KvService, TornTailIsRecoveredAndReported) {
  TempDir dir;
  const std::string file = dir.path() + "/kv/c1.kvlog";
  {
    KvService kv({dir.path(), false, nullptr});
    auto c = open_client(kv, "c1");
    ASSERT_EQ(c.put("a", "1"), abi::kOk);
    ASSERT_EQ(c.put("b", "2"), abi::kOk);
  }
  auto bytes = read_file(file);
  bytes.resize(bytes.size() - 3);  // a crash in the middle of the last append
  write_file(file, bytes);

  std::vector<std::string> diags;
  KvService kv({dir.path(), false, [&](std::string_view m) { diags.emplace_back(m); }});
  auto c = open_client(kv, "c1");
  EXPECT_EQ(c.get("a"), "1");
  EXPECT_EQ(c.get("b"), "#" + std::to_string(abi::kNotFound));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_NE(diags[0].find("truncated record"), std::string::npos) << diags[0];
  EXPECT_TRUE(std::filesystem::exists(file + ".corrupt"));
  // The rewritten file is clean and keeps working.
  EXPECT_EQ(c.put("c", "3"), abi::kOk);
  const auto replay = replay_kv_log(read_file(file));
  EXPECT_TRUE(replay.error.empty()) << replay.error;
  EXPECT_EQ(replay.entries.size(), 2u);
}

TEST(KvService, FlippedByteStopsAtTheBadRecord) {
  TempDir dir;
  const std::string file = dir.path() + "/kv/c1.kvlog";
  {
    KvService kv({dir.path(), false, nullptr});
    auto c = open_client(kv, "c1");
    ASSERT_EQ(c.put("a", "1"), abi::kOk);
    ASSERT_EQ(c.put("b", "2"), abi::kOk);
    ASSERT_EQ(c.put("c", "3"), abi::kOk);
  }
  auto bytes = read_file(file);
  bytes[kKvFileHeaderSize + (kKvRecordHeaderSize + 2) + kKvRecordHeaderSize] ^= 0x40;  // b's key
  write_file(file, bytes);
  std::vector<std::string> diags;
  KvService kv({dir.path(), false, [&](std::string_view m) { diags.emplace_back(m); }});
  auto c = open_client(kv, "c1");
  EXPECT_EQ(c.get("a"), "1");
  EXPECT_EQ(c.get("c"), "#" + std::to_string(abi::kNotFound));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_NE(diags[0].find("checksum"), std::string::npos) << diags[0];
}

TEST(KvService, GarbageFileStartsEmptyAndIsKept) {
  TempDir dir;
  std::filesystem::create_directories(dir.path() + "/kv");
  const std::string file = dir.path() + "/kv/c1.kvlog";
  write_file(file, {'n', 'o', 't', ' ', 'k', 'v', '!', '!', '!'});
  std::vector<std::string> diags;
  KvService kv({dir.path(), false, [&](std::string_view m) { diags.emplace_back(m); }});
  auto c = open_client(kv, "c1");
  EXPECT_EQ(c.list("").keys.size(), 0u);
  EXPECT_EQ(c.put("k", "v"), abi::kOk);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_NE(diags[0].find("bad magic"), std::string::npos);
  EXPECT_EQ(read_file(file + ".corrupt").size(), 9u);
}

TEST(KvService, UnreadableStateIsAnIoErrorNotACrash) {
  TempDir dir;
  std::filesystem::create_directories(dir.path() + "/kv/c1.kvlog");  // a directory, not a file
  std::vector<std::string> diags;
  KvService kv({dir.path(), false, [&](std::string_view m) { diags.emplace_back(m); }});
  EXPECT_EQ(open_local(kv, "c1").code, abi::kIo);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_NE(diags[0].find("c1.kvlog"), std::string::npos) << diags[0];
  // A state_dir that is a file: every open fails cleanly.
  const std::string file_dir = dir.path() + "/plainfile";
  write_file(file_dir, {'x'});
  KvService bad({file_dir, false, nullptr});
  EXPECT_EQ(open_local(bad, "c2").code, abi::kIo);
}

TEST(KvService, FailedAppendReturnsIoAndChangesNothing) {
  TempDir dir;
  std::vector<std::string> diags;
  KvService kv({dir.path(), false, [&](std::string_view m) { diags.emplace_back(m); }});
  auto c = open_client(kv, "c1");  // no file yet
  const std::string file = dir.path() + "/kv/c1.kvlog";
  std::filesystem::create_symlink("/dev/full", file);  // every write fails (ENOSPC/EINVAL)
  EXPECT_EQ(c.put("k", "v"), abi::kIo);
  EXPECT_EQ(c.get("k"), "#" + std::to_string(abi::kNotFound));
  EXPECT_EQ(kv.usage("c1")->bytes, 0u);
  EXPECT_FALSE(diags.empty());
  std::filesystem::remove(file);
  EXPECT_EQ(c.put("k", "v"), abi::kOk);  // recovers once the disk does
  KvService again({dir.path(), false, nullptr});
  EXPECT_EQ(open_client(again, "c1").get("k"), "v");
}

TEST(KvService, CompactionKeepsTheLogBoundedAndTheData) {
  TempDir dir;
  const std::string file = dir.path() + "/kv/c1.kvlog";
  KvService kv({dir.path(), false, nullptr});
  auto c = open_client(kv, "c1");
  const std::string value(1000, 'v');
  for (int i = 0; i < 300; ++i) ASSERT_EQ(c.put("key" + std::to_string(i % 5), value), abi::kOk);
  // 300 KB written, 5 KB live: compacted whenever the log passed 64 KiB.
  EXPECT_LE(std::filesystem::file_size(file), 64u * 1024 + 1024);
  KvService again({dir.path(), false, nullptr});
  auto c2 = open_client(again, "c1");
  EXPECT_EQ(c2.list("").keys.size(), 5u);
  EXPECT_EQ(c2.get("key3"), value);
}

}  // namespace
}  // namespace tc::services
