// tinycontainer executor — the compile cache: compiled workspaces keyed by
// (language, version, compile command, source files), on disk under the work root.
//
// Contract:
//  * key() is a BLAKE2b-256 (libsodium) of length-prefixed fields, as 64 hex characters:
//    two requests share an entry only if every field is byte-identical.
//  * store() copies a finished compile workspace into the cache as an immutable entry:
//    written to a temporary directory, then rename(2)d into place, so a reader never sees
//    a partial entry and two processes storing the same key race harmlessly (one wins).
//    Entries larger than a quarter of the byte budget are not stored.
//  * fetch() hard-links (copy across filesystems) an entry into `dest`; any failure —
//    entry missing, evicted while being linked — is a miss and leaves no `dest`: the
//    caller compiles. Links keep the data alive even if the entry is evicted afterwards.
//  * Bounded: after each store the least recently used entries (directory mtime, touched
//    on every hit) are removed until both the entry count and the byte budget hold.
//    Eviction renames an entry away, waits until no copy that started from the old name is
//    still running (shared/exclusive flock on <dir>/.lock), then deletes it.
//  * Thread-safe (one mutex around the in-memory index); safe against other processes
//    sharing the directory (rename-based; their entries are picked up at the next scan).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"

namespace tc::exec {

class CompileCache {
 public:
  struct Budget {
    std::size_t max_entries = 512;
    std::uint64_t max_bytes = 128ull << 20;
  };
  // Creates `dir` (mode 0700) if needed and indexes what is there.
  [[nodiscard]] static Result<std::unique_ptr<CompileCache>> open(std::filesystem::path dir,
                                                                  Budget budget);

  [[nodiscard]] static std::string key(const std::vector<std::string>& fields);

  // Hit: `dest` holds the tree, the result is the note stored with it. Miss: nullopt.
  [[nodiscard]] std::optional<std::string> fetch(const std::string& key,
                                                 const std::filesystem::path& dest);
  // `note`: a small text kept with the entry (the compile step's outcome as JSON).
  void store(const std::string& key, const std::filesystem::path& source,
             const std::string& note);

  [[nodiscard]] std::size_t entries() const;
  [[nodiscard]] std::uint64_t bytes() const;

 private:
  CompileCache(std::filesystem::path dir, Budget budget)
      : dir_(std::move(dir)), budget_(budget) {}
  void scan();
  void evict_locked();

  std::filesystem::path dir_;
  Budget budget_;
  mutable std::mutex mutex_;
  std::map<std::string, std::uint64_t> sizes_;  // key → bytes
};

// Copies a tree: directories created, regular files hard-linked when `link` (else copied),
// symlinks recreated; anything else, or nesting deeper than 32, is refused. `dest` must not
// exist.
[[nodiscard]] Result<std::uint64_t> clone_tree(const std::filesystem::path& source,
                                               const std::filesystem::path& dest, bool link);

}  // namespace tc::exec
