// tinycontainer — cache of compiled seccomp filters, keyed by the canonical policy.
//
// Contract: get_or_compile(policy) returns the same program compile_policy(policy) would,
// compiling at most once per distinct policy per cache object. The key is
// Policy::hash(); an entry is only used when its stored canonical text equals the
// policy's (a hash collision recompiles, never returns a wrong filter).
// No globals: the caller owns the cache (one per supervisor/service) and it is not
// thread-safe (callers serialise, e.g. under their own mutex).
// Optional on-disk layer (`dir`): one file per policy, <dir>/<hash>.bpf, written
// atomically (temp file + rename, 0600). A file is trusted only when owned by the
// current euid, not group/world-writable, inside a directory with the same properties,
// and its header (magic, libseccomp version, native arch, canonical text) matches;
// anything else is ignored and recompiled. Disk failures never fail a lookup: they
// fall back to compiling.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/error.hpp"
#include "common/fnv1a.hpp"
#include "linux/seccomp/compiled_filter.hpp"
#include "linux/seccomp/policy.hpp"

namespace tc::seccomp {

struct FilterCacheStats {
  std::uint64_t memory_hits = 0;
  std::uint64_t disk_hits = 0;
  std::uint64_t compiles = 0;
};

class FilterCache {
 public:
  explicit FilterCache(std::optional<std::filesystem::path> dir = std::nullopt);

  [[nodiscard]] Result<CompiledFilter> get_or_compile(const Policy& policy);

  // Second index, keyed by the verbatim inputs a policy is derived from (prepare_seccomp's
  // "source": embedded default profile, profile file bytes, --allow-syscall names, notify
  // flag). A hit lets a run skip profile parsing and policy building entirely. The same
  // equality check (full source text, not just its hash) and on-disk trust rules apply.
  [[nodiscard]] std::optional<CompiledFilter> find_source(const std::string& source);
  // The same with the key already known: `hash` must be source_hash(source).
  [[nodiscard]] std::optional<CompiledFilter> find_source(const std::string& source,
                                                          std::uint64_t hash);
  // The key find_source uses: fnv1a("source\n" + source). Continuing from a prefix's
  // source_hash gives the whole source's (fnv1a.hpp).
  [[nodiscard]] static constexpr std::uint64_t source_hash(std::string_view source) noexcept {
    return fnv1a(source, fnv1a(kSourceTag));
  }
  static constexpr std::string_view kSourceTag = "source\n";
  void remember_source(const std::string& source, const CompiledFilter& filter);
  [[nodiscard]] const FilterCacheStats& stats() const noexcept { return stats_; }
  void clear_memory() noexcept { entries_.clear(); }

 private:
  struct Entry {
    std::string canonical;
    CompiledFilter filter;
  };
  [[nodiscard]] std::optional<CompiledFilter> load_disk(std::uint64_t key,
                                                        const std::string& canonical) const;
  void store_disk(std::uint64_t key, const std::string& canonical, const CompiledFilter& f) const;
  [[nodiscard]] std::filesystem::path file_for(std::uint64_t key) const;

  [[nodiscard]] std::optional<CompiledFilter> lookup(std::uint64_t key,
                                                    const std::string& canonical);
  void insert(std::uint64_t key, const std::string& canonical, const CompiledFilter& f);

  std::optional<std::filesystem::path> dir_;
  std::unordered_map<std::uint64_t, Entry> entries_;
  FilterCacheStats stats_;
};

}  // namespace tc::seccomp
