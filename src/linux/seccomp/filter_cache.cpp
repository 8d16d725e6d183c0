#include "linux/seccomp/filter_cache.hpp"

#include <fcntl.h>
#include <seccomp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>
#include <algorithm>
#include <cstring>
#include <string_view>

#include "common/fnv1a.hpp"
#include "common/unique_fd.hpp"
#include "linux/seccomp/compiler.hpp"

namespace tc::seccomp {
namespace {

// v2: programs from the range compiler (range_compiler.hpp) besides libseccomp's.
constexpr std::string_view kMagic = "tc-seccomp-cache v2\n";

// Everything a stored program depends on besides the policy itself; the file's header is
// this line followed by the canonical text.
std::string header_line(const std::string& canonical, bool user_notify) {
  const scmp_version* v = seccomp_version();
  return fmt::format("{}libseccomp {}.{}.{} arch {:#x} notify {} len {}\n", kMagic, v->major,
                     v->minor, v->micro, seccomp_arch_native(), user_notify ? 1 : 0,
                     canonical.size());
}

bool trusted(const struct stat& st) {
  return st.st_uid == geteuid() && (st.st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

bool write_all(int fd, const void* data, std::size_t size) {
  const auto* p = static_cast<const char*>(data);
  while (size > 0) {
    const ssize_t n = write(fd, p, size);
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

// Reads into a buffer sized from fstat (`expected`), so a hit costs one read() and no
// growth copies (the file may still change size under us: read until EOF).
std::optional<std::string> read_file(int fd, std::size_t limit, std::size_t expected) {
  std::string out(std::min(expected, limit) + 1, '\0');
  std::size_t used = 0;
  for (;;) {
    if (used == out.size()) out.resize(std::min(out.size() * 2, limit + 1));
    const ssize_t n = read(fd, out.data() + used, out.size() - used);
    if (n < 0) return std::nullopt;
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
    if (used > limit) return std::nullopt;
  }
  out.resize(used);
  return out;
}

}  // namespace

FilterCache::FilterCache(std::optional<std::filesystem::path> dir) : dir_(std::move(dir)) {}

std::filesystem::path FilterCache::file_for(std::uint64_t key) const {
  return *dir_ / fmt::format("{:016x}.bpf", key);
}

Result<CompiledFilter> FilterCache::get_or_compile(const Policy& policy) {
  const std::uint64_t key = policy.hash();
  const std::string canonical = policy.canonical_text();
  if (auto hit = lookup(key, canonical)) return *hit;
  auto compiled = compile_policy(policy);
  if (!compiled) return compiled;
  ++stats_.compiles;
  insert(key, canonical, *compiled);
  return compiled;
}

std::optional<CompiledFilter> FilterCache::find_source(const std::string& source) {
  return find_source(source, source_hash(source));
}

std::optional<CompiledFilter> FilterCache::find_source(const std::string& source,
                                                       std::uint64_t hash) {
  const std::string canonical = std::string(kSourceTag) + source;
  return lookup(hash, canonical);
}

void FilterCache::remember_source(const std::string& source, const CompiledFilter& filter) {
  const std::string canonical = std::string(kSourceTag) + source;
  insert(fnv1a(canonical), canonical, filter);
}

std::optional<CompiledFilter> FilterCache::lookup(std::uint64_t key, const std::string& canonical) {
  if (auto it = entries_.find(key); it != entries_.end() && it->second.canonical == canonical) {
    ++stats_.memory_hits;
    return it->second.filter;
  }
  if (!dir_) return std::nullopt;
  auto f = load_disk(key, canonical);
  if (!f) return std::nullopt;
  ++stats_.disk_hits;
  entries_[key] = Entry{canonical, *f};
  return f;
}

void FilterCache::insert(std::uint64_t key, const std::string& canonical, const CompiledFilter& f) {
  if (dir_) store_disk(key, canonical, f);
  entries_[key] = Entry{canonical, f};
}

std::optional<CompiledFilter> FilterCache::load_disk(std::uint64_t key,
                                                     const std::string& canonical) const {
  struct stat dst {};
  if (stat(dir_->c_str(), &dst) != 0 || !S_ISDIR(dst.st_mode) || !trusted(dst)) return std::nullopt;
  UniqueFd fd(open(file_for(key).c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  struct stat st {};
  if (!fd || fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode) || !trusted(st)) return std::nullopt;
  const std::size_t limit = canonical.size() + 512 + BPF_MAXINSNS * sizeof(sock_filter);
  auto data = read_file(fd.get(), limit, static_cast<std::size_t>(st.st_size));
  if (!data) return std::nullopt;
  const std::string_view stored(*data);
  for (bool notify : {true, false}) {
    const std::string line = header_line(canonical, notify);
    const std::size_t header = line.size() + canonical.size();
    if (stored.size() < header || stored.substr(0, line.size()) != line ||
        stored.substr(line.size(), canonical.size()) != canonical)
      continue;
    const std::size_t bytes = stored.size() - header;
    if (bytes == 0 || bytes % sizeof(sock_filter) != 0) return std::nullopt;
    CompiledFilter f;
    f.user_notify = notify;
    f.program.resize(bytes / sizeof(sock_filter));
    std::memcpy(f.program.data(), stored.data() + header, bytes);
    return f;
  }
  return std::nullopt;
}

void FilterCache::store_disk(std::uint64_t key, const std::string& canonical,
                             const CompiledFilter& f) const {
  std::error_code ec;
  std::filesystem::create_directories(*dir_, ec);
  if (ec) return;
  chmod(dir_->c_str(), 0700);  // best effort; load_disk re-checks ownership and mode
  const std::filesystem::path final_path = file_for(key);
  std::filesystem::path tmp = final_path;
  tmp += fmt::format(".tmp.{}", getpid());
  UniqueFd fd(open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (!fd) return;
  const std::string line = header_line(canonical, f.user_notify);
  const bool ok = write_all(fd.get(), line.data(), line.size()) &&
                  write_all(fd.get(), canonical.data(), canonical.size()) &&
                  write_all(fd.get(), f.program.data(), f.program.size() * sizeof(sock_filter)) &&
                  fsync(fd.get()) == 0;
  fd.reset();
  if (!ok || rename(tmp.c_str(), final_path.c_str()) != 0) unlink(tmp.c_str());
}

}  // namespace tc::seccomp
