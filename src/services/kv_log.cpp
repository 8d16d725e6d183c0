#include "services/kv_log.hpp"

#include <zlib.h>

#include <cstring>

#include "services/le_bytes.hpp"
#include "services/wire.h"

namespace tc::services {
namespace {

constexpr std::uint8_t kMagic[4] = {'T', 'C', 'K', 'V'};
constexpr std::uint32_t kVersion = 1;
constexpr std::uint8_t kPut = 1;
constexpr std::uint8_t kDelete = 2;

std::uint32_t crc_of(std::span<const std::uint8_t> b) noexcept {
  // zlib's crc32 takes a uInt length: the records are far below 4 GiB.
  return static_cast<std::uint32_t>(
      ::crc32(0L, b.data(), static_cast<uInt>(b.size())));
}

void append_record(std::vector<std::uint8_t>& out, std::uint8_t op, std::string_view key,
                   std::string_view value) {
  const std::size_t at = out.size();
  out.resize(at + kKvRecordHeaderSize + key.size() + value.size());
  const std::span<std::uint8_t> rec(out.data() + at, out.size() - at);
  rec[4] = op;
  rec[5] = 0;
  store_le<std::uint16_t>(rec, 6, static_cast<std::uint16_t>(key.size()));
  store_le<std::uint32_t>(rec, 8, static_cast<std::uint32_t>(value.size()));
  std::memcpy(rec.data() + kKvRecordHeaderSize, key.data(), key.size());
  if (!value.empty())
    std::memcpy(rec.data() + kKvRecordHeaderSize + key.size(), value.data(), value.size());
  store_le<std::uint32_t>(rec, 0, crc_of(rec.subspan(4)));
}

}  // namespace

std::vector<std::uint8_t> encode_kv_file_header() {
  std::vector<std::uint8_t> h(kKvFileHeaderSize);
  std::memcpy(h.data(), kMagic, 4);
  store_le<std::uint32_t>(h, 4, kVersion);
  return h;
}

void append_kv_put(std::vector<std::uint8_t>& out, std::string_view key, std::string_view value) {
  append_record(out, kPut, key, value);
}

void append_kv_delete(std::vector<std::uint8_t>& out, std::string_view key) {
  append_record(out, kDelete, key, {});
}

KvReplay replay_kv_log(std::span<const std::uint8_t> bytes) {
  KvReplay r;
  if (bytes.size() < kKvFileHeaderSize || std::memcmp(bytes.data(), kMagic, 4) != 0) {
    r.error = "not a kv log (bad magic)";
    return r;
  }
  if (load_le<std::uint32_t>(bytes, 4) != kVersion) {
    r.error = "unsupported kv log version " + std::to_string(load_le<std::uint32_t>(bytes, 4));
    return r;
  }
  std::size_t at = kKvFileHeaderSize;
  while (at < bytes.size()) {
    const auto rest = bytes.subspan(at);
    if (rest.size() < kKvRecordHeaderSize) { r.error = "truncated record header"; break; }
    const std::uint8_t op = rest[4];
    const std::size_t key_len = load_le<std::uint16_t>(rest, 6);
    const std::size_t value_len = load_le<std::uint32_t>(rest, 8);
    if ((op != kPut && op != kDelete) || rest[5] != 0 || key_len == 0 ||
        key_len > TC_KV_MAX_KEY || value_len > TC_KV_MAX_VALUE ||
        (op == kDelete && value_len != 0)) {
      r.error = "bad record fields";
      break;
    }
    const std::size_t len = kKvRecordHeaderSize + key_len + value_len;
    if (rest.size() < len) { r.error = "truncated record"; break; }
    if (crc_of(rest.subspan(4, len - 4)) != load_le<std::uint32_t>(rest, 0)) {
      r.error = "checksum mismatch";
      break;
    }
    const char* key = reinterpret_cast<const char*>(rest.data()) + kKvRecordHeaderSize;
    if (op == kPut)
      r.entries.insert_or_assign(std::string(key, key_len), std::string(key + key_len, value_len));
    else if (auto it = r.entries.find(std::string_view(key, key_len)); it != r.entries.end())
      r.entries.erase(it);
    ++r.records;
    at += len;
  }
  r.valid_bytes = at;
  if (!r.error.empty()) r.error += " at byte " + std::to_string(at);
  return r;
}

}  // namespace tc::services
