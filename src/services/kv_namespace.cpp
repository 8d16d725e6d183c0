#include "services/kv_namespace.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "host/guest_abi.hpp"
#include "services/file_io.hpp"
#include "services/kv_request.hpp"
#include "services/wire.h"

namespace tc::services {
namespace {

// A log may be at most twice the live data plus slack before compaction; anything much
// larger than the biggest quota is not ours to load.
constexpr std::uint64_t kMaxLogFile = 3ULL << 30;
constexpr std::uint64_t kCompactMinBytes = 64 * 1024;

namespace abi = host::abi;

}  // namespace

Result<std::unique_ptr<KvNamespace>> KvNamespace::load(std::string path, bool sync,
                                                       const DiagnosticSink& diag) {
  std::unique_ptr<KvNamespace> ns(new KvNamespace(std::move(path), sync, diag));
  if (ns->path_.empty()) return ns;
  auto bytes = read_whole_file(ns->path_, kMaxLogFile);
  if (!bytes) return std::unexpected(bytes.error());
  if (!bytes->has_value() || (*bytes)->empty()) return ns;  // created at the first put
  KvReplay replay = replay_kv_log(**bytes);
  ns->entries_ = std::move(replay.entries);
  for (const auto& [k, v] : ns->entries_) ns->used_ += k.size() + v.size();
  ns->log_bytes_ = (*bytes)->size();
  if (replay.error.empty()) return ns;

  // Corrupt or torn: keep the evidence, continue from the good prefix.
  const std::string saved = ns->path_ + ".corrupt";
  if (::rename(ns->path_.c_str(), saved.c_str()) != 0)
    return sys_error(Phase::io, "rename " + ns->path_ + " to " + saved);
  if (diag)
    diag("kv: " + ns->path_ + ": " + replay.error + "; recovered " +
         std::to_string(ns->entries_.size()) + " entries from " +
         std::to_string(replay.records) + " records (" + std::to_string(replay.valid_bytes) +
         " of " + std::to_string(ns->log_bytes_) + " bytes); original kept as " + saved);
  if (auto r = ns->rewrite(); !r) return std::unexpected(r.error());
  return ns;
}

std::int32_t KvNamespace::get(std::string_view key, std::span<std::uint8_t> out) const {
  const auto it = entries_.find(key);
  if (it == entries_.end()) return abi::kNotFound;
  if (it->second.size() > out.size()) return abi::kTooBig;
  if (!it->second.empty()) std::memcpy(out.data(), it->second.data(), it->second.size());
  return static_cast<std::int32_t>(it->second.size());
}

std::int32_t KvNamespace::put(std::string_view key, std::string_view value, std::uint64_t quota) {
  if (key.empty() || key.size() > TC_KV_MAX_KEY || value.size() > TC_KV_MAX_VALUE)
    return abi::kInvalid;
  const auto it = entries_.find(key);
  const std::uint64_t old = it == entries_.end() ? 0 : key.size() + it->second.size();
  const std::uint64_t next = used_ - old + key.size() + value.size();
  if (next > quota && next > used_) return abi::kFull;
  if (!path_.empty()) {
    std::vector<std::uint8_t> rec;
    append_kv_put(rec, key, value);
    if (const std::int32_t c = append(rec); c < 0) return c;
  }
  if (it == entries_.end())
    entries_.emplace(std::string(key), std::string(value));
  else
    it->second.assign(value);
  used_ = next;
  maybe_compact();
  return abi::kOk;
}

std::int32_t KvNamespace::erase(std::string_view key) {
  const auto it = entries_.find(key);
  if (it == entries_.end()) return abi::kNotFound;
  if (!path_.empty()) {
    std::vector<std::uint8_t> rec;
    append_kv_delete(rec, key);
    if (const std::int32_t c = append(rec); c < 0) return c;
  }
  used_ -= it->first.size() + it->second.size();
  entries_.erase(it);
  maybe_compact();
  return abi::kOk;
}

std::int32_t KvNamespace::list(std::string_view prefix, std::string_view cursor,
                               std::span<std::uint8_t> out) const {
  if (out.size() < TC_KV_LIST_HEADER_SIZE) return abi::kTooBig;
  KvListWriter w(out);
  auto it = (cursor.empty() || cursor < prefix) ? entries_.lower_bound(prefix)
                                                : entries_.upper_bound(cursor);
  for (; it != entries_.end() && it->first.starts_with(prefix); ++it)
    if (!w.add(it->first)) break;
  return w.finish();
}

Result<void> KvNamespace::open_log() {
  const bool fresh = log_bytes_ == 0;
  fd_.reset(::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600));
  if (!fd_) return sys_error(Phase::io, "open " + path_);
  if (!fresh) {
    const off_t end = ::lseek(fd_.get(), 0, SEEK_END);  // the truth after a failed rewrite
    if (end < 0) return sys_error(Phase::io, "seek " + path_);
    log_bytes_ = static_cast<std::uint64_t>(end);
    if (log_bytes_ != 0) return {};
  }
  if (::ftruncate(fd_.get(), 0) != 0) return sys_error(Phase::io, "truncate " + path_);
  const auto header = encode_kv_file_header();
  if (auto w = write_all(fd_.get(), header, path_); !w) return w;
  log_bytes_ = header.size();
  return fsync_parent_dir(path_);  // the new file's name is durable
}

std::int32_t KvNamespace::append(std::span<const std::uint8_t> record) {
  if (!fd_) {
    if (auto r = open_log(); !r) {
      fd_.reset();
      if (diag_) diag_("kv: " + r.error().describe());
      return abi::kIo;
    }
  }
  auto w = write_all(fd_.get(), record, path_);
  if (w && sync_ && ::fdatasync(fd_.get()) != 0) w = sys_error(Phase::io, "fdatasync " + path_);
  if (!w) {
    // Roll back a partial append so the log stays a sequence of whole records.
    if (::ftruncate(fd_.get(), static_cast<off_t>(log_bytes_)) != 0) fd_.reset();
    if (diag_) diag_("kv: " + w.error().describe());
    return abi::kIo;
  }
  log_bytes_ += record.size();
  return abi::kOk;
}

void KvNamespace::maybe_compact() {
  if (path_.empty() || log_bytes_ <= kCompactMinBytes) return;
  const std::uint64_t live =
      kKvFileHeaderSize + used_ + kKvRecordHeaderSize * static_cast<std::uint64_t>(entries_.size());
  if (log_bytes_ <= 2 * live) return;
  if (auto r = rewrite(); !r && diag_) diag_("kv: compaction failed: " + r.error().describe());
}

Result<void> KvNamespace::rewrite() {
  std::vector<std::uint8_t> bytes = encode_kv_file_header();
  for (const auto& [k, v] : entries_) append_kv_put(bytes, k, v);
  fd_.reset();
  if (auto r = replace_file_atomically(path_, bytes); !r) return r;
  log_bytes_ = bytes.size();
  return {};
}

}  // namespace tc::services
