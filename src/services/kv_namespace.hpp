// tinycontainer services — one container's kv namespace: the entries in memory, backed by
// an append-only log file (kv_log.hpp) when a path is given.
//
// Contract:
//  * load(path, diag): path "" → memory only. A missing file is an empty namespace (the
//    file is created at the first mutation). A file whose tail is torn or corrupt keeps its
//    good prefix; the original is kept as "<path>.corrupt" for inspection and a compacted
//    file replaces it; `diag` gets one line saying what was dropped. A file that is not a
//    kv log at all is moved to "<path>.corrupt" and the namespace starts empty (reported).
//    Only I/O failures (unreadable directory, EACCES ...) are an Error (Phase::io).
//  * put/erase: the change is appended (write(2) of one record, O_APPEND) before it is
//    applied in memory; a failed/short append is rolled back (ftruncate) and returns
//    abi::kIo with memory unchanged. With `sync` the append is followed by fdatasync.
//    When the log holds more than twice the live bytes (and > 64 KiB), it is compacted:
//    temp file + fsync + rename + directory fsync.
//  * Quota: used() = Σ key + value bytes. put() → abi::kFull when it would raise used()
//    above `quota` (a namespace already above a lowered quota may still shrink).
//  * Not thread-safe: the kv service serialises access.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "common/error.hpp"
#include "common/unique_fd.hpp"
#include "services/kv_log.hpp"

namespace tc::services {

using DiagnosticSink = std::function<void(std::string_view message)>;

class KvNamespace {
 public:
  [[nodiscard]] static Result<std::unique_ptr<KvNamespace>> load(std::string path, bool sync,
                                                                 const DiagnosticSink& diag);

  // Value of `key` copied into `out`: its length, kNotFound, or kTooBig when out is short.
  [[nodiscard]] std::int32_t get(std::string_view key, std::span<std::uint8_t> out) const;
  [[nodiscard]] std::int32_t put(std::string_view key, std::string_view value,
                                 std::uint64_t quota);
  [[nodiscard]] std::int32_t erase(std::string_view key);
  // LIST response (wire.h) of keys starting with `prefix`, strictly after `cursor`.
  [[nodiscard]] std::int32_t list(std::string_view prefix, std::string_view cursor,
                                  std::span<std::uint8_t> out) const;

  [[nodiscard]] std::uint64_t used() const noexcept { return used_; }
  [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }
  [[nodiscard]] std::uint64_t log_bytes() const noexcept { return log_bytes_; }

 private:
  KvNamespace(std::string path, bool sync, DiagnosticSink diag)
      : path_(std::move(path)), sync_(sync), diag_(std::move(diag)) {}
  Result<void> open_log();
  Result<void> rewrite();  // compaction: temp + fsync + rename
  [[nodiscard]] std::int32_t append(std::span<const std::uint8_t> record);
  void maybe_compact();

  std::string path_;
  bool sync_ = false;
  DiagnosticSink diag_;
  KvMap entries_;
  std::uint64_t used_ = 0;
  std::uint64_t log_bytes_ = 0;  // current size of the log file
  UniqueFd fd_;                  // O_APPEND, opened lazily
};

}  // namespace tc::services
