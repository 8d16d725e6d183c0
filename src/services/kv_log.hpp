// tinycontainer services — the kv store's on-disk format: an append-only log of
// checksummed records (one file per container namespace).
//
// Layout (little-endian):
//   file header  8 bytes: "TCKV" u32 version (= 1)
//   record       u32 crc32 (zlib CRC-32 of the bytes after it: header rest + key + value)
//                u8 op (1 put, 2 delete) u8 0 u16 key_len u32 value_len, key, value
//                key_len 1..TC_KV_MAX_KEY; value_len ≤ TC_KV_MAX_VALUE (0 for delete)
// Why a log: a put costs one append (O(record)), not a rewrite of the namespace; a crash
// mid-append leaves a torn last record that the checksum or the length rejects, and the
// store recovers the prefix before it. Compaction rewrites live entries through a temp
// file + fsync + rename (atomic: old or new file, never a mix).
//
// Contract:
//  * encode_* produce exactly the bytes above.
//  * replay_kv_log(bytes) is total: any input yields a result, never a crash or an
//    unbounded allocation (allocation ≤ the input size). It applies records in order and
//    stops at the first record that is truncated, has a bad checksum or bad fields.
//    `valid_bytes` is the length of the good prefix; `error` says why it stopped ("" when
//    the whole input was good). A bad file header → no entries, valid_bytes 0.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tc::services {

using KvMap = std::map<std::string, std::string, std::less<>>;

inline constexpr std::size_t kKvFileHeaderSize = 8;
inline constexpr std::size_t kKvRecordHeaderSize = 12;

[[nodiscard]] std::vector<std::uint8_t> encode_kv_file_header();
void append_kv_put(std::vector<std::uint8_t>& out, std::string_view key, std::string_view value);
void append_kv_delete(std::vector<std::uint8_t>& out, std::string_view key);

struct KvReplay {
  KvMap entries;
  std::size_t valid_bytes = 0;
  std::size_t records = 0;
  std::string error;  // "" = every byte was part of a good record
};

[[nodiscard]] KvReplay replay_kv_log(std::span<const std::uint8_t> bytes);

}  // namespace tc::services
