#include "executor/compile_cache.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

#include "common/unique_fd.hpp"
#include "executor/random_name.hpp"
#include "linux/run_dir.hpp"

namespace tc::exec {

namespace fs = std::filesystem;

namespace {

// Readers and evictors of the cache directory, across threads and processes: a fetch
// holds a shared flock(2) on <dir>/.lock while it copies an entry; an eviction renames the
// entry away, then takes the exclusive lock once (so every copy that may have started from
// the old name has finished) before deleting it. Without it a copy could race the deletion
// and succeed with a partial tree. One open file description per holder: flock locks
// belong to it, so threads of one process exclude each other too.
UniqueFd lock_entries(const fs::path& dir, int how) {
  UniqueFd fd(::open((dir / ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (fd) {
    while (::flock(fd.get(), how) != 0 && errno == EINTR) {
    }
  }
  return fd;
}

Result<std::uint64_t> clone_tree_at(const fs::path& source, const fs::path& dest, bool link,
                                    int depth);

Result<std::uint64_t> clone_entry(const fs::directory_entry& e, const fs::path& to, bool link,
                                  int depth) {
  std::error_code ec;
  const auto st = e.symlink_status(ec);
  if (ec) return sys_error(Phase::io, "stat " + e.path().string(), ec.value());
  if (fs::is_symlink(st)) {
    fs::copy_symlink(e.path(), to, ec);
    if (ec) return sys_error(Phase::io, "symlink " + to.string(), ec.value());
    return 0;
  }
  if (fs::is_directory(st)) return clone_tree_at(e.path(), to, link, depth + 1);
  if (!fs::is_regular_file(st))
    return make_error(Phase::io, "not a regular file: " + e.path().string());
  const std::uint64_t size = fs::file_size(e.path(), ec);
  if (link && ::link(e.path().c_str(), to.c_str()) == 0) return size;
  fs::copy_file(e.path(), to, ec);
  if (ec) return sys_error(Phase::io, "copy " + e.path().string(), ec.value());
  fs::permissions(to, fs::status(e.path()).permissions(), ec);
  return size;
}

// A compile step controls its workspace: its nesting must not become our recursion depth.
constexpr int kMaxTreeDepth = 32;

Result<std::uint64_t> clone_tree_at(const fs::path& source, const fs::path& dest, bool link,
                                    int depth) {
  if (depth > kMaxTreeDepth)
    return make_error(Phase::io, "directories nested too deeply: " + source.string());
  if (::mkdir(dest.c_str(), 0755) != 0) return sys_error(Phase::io, "mkdir " + dest.string());
  std::error_code ec;
  std::uint64_t total = 0;
  for (fs::directory_iterator it(source, ec), end; !ec && it != end; it.increment(ec)) {
    auto n = clone_entry(*it, dest / it->path().filename(), link, depth);
    if (!n) return n;
    total += *n;
  }
  if (ec) return sys_error(Phase::io, "read " + source.string(), ec.value());
  return total;
}

}  // namespace

Result<std::uint64_t> clone_tree(const fs::path& source, const fs::path& dest, bool link) {
  return clone_tree_at(source, dest, link, 0);
}

Result<std::unique_ptr<CompileCache>> CompileCache::open(fs::path dir, Budget budget) {
  if (::sodium_init() < 0) return make_error(Phase::internal, "libsodium failed to initialise");
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
    return sys_error(Phase::setup, "mkdir " + dir.string());
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != ::geteuid() ||
      (st.st_mode & 0022) != 0)
    return make_error(Phase::setup, fmt::format("compile cache {}: must be a directory owned by "
                                                "us and not group/world-writable",
                                                dir.string()));
  std::unique_ptr<CompileCache> cache(new CompileCache(std::move(dir), budget));
  cache->scan();
  return cache;
}

std::string CompileCache::key(const std::vector<std::string>& fields) {
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, 32);
  for (const auto& f : fields) {
    const std::uint64_t n = f.size();
    std::array<unsigned char, 8> len{};
    for (int i = 0; i < 8; ++i) len[i] = static_cast<unsigned char>(n >> (8 * i));
    crypto_generichash_update(&state, len.data(), len.size());
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(f.data()), f.size());
  }
  std::array<unsigned char, 32> out{};
  crypto_generichash_final(&state, out.data(), out.size());
  std::string hex;
  for (unsigned char b : out) hex += fmt::format("{:02x}", b);
  return hex;
}

void CompileCache::scan() {
  std::lock_guard lock(mutex_);
  std::error_code ec;
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name == ".lock") continue;
    if (name.size() != 64) {  // a temporary or trash directory left by a killed process
      (void)sandbox::remove_tree(it->path());
      continue;
    }
    std::uint64_t bytes = 0;
    for (fs::recursive_directory_iterator r(it->path() / "tree", ec), rend; !ec && r != rend;
         r.increment(ec))
      if (fs::is_regular_file(r->symlink_status(ec))) bytes += r->file_size(ec);
    sizes_[name] = bytes;
  }
}

std::optional<std::string> CompileCache::fetch(const std::string& key, const fs::path& dest) {
  const fs::path entry = dir_ / key;
  std::stringstream note;
  Result<std::uint64_t> linked = 0;
  {
    const UniqueFd shared = lock_entries(dir_, LOCK_SH);  // released before mutex_ is taken
    if (!shared) return std::nullopt;
    std::ifstream in(entry / "note", std::ios::binary);
    note << in.rdbuf();
    if (!in) return std::nullopt;
    linked = clone_tree(entry / "tree", dest, true);
  }
  if (!linked) {
    (void)sandbox::remove_tree(dest);
    return std::nullopt;
  }
  ::utimensat(AT_FDCWD, entry.c_str(), nullptr, 0);  // LRU: touched on every hit
  std::lock_guard lock(mutex_);
  // Index an entry another process stored, unless it was evicted since the copy (an
  // in-process eviction renames under mutex_, so this check cannot race it); keep the bound.
  if (::access(entry.c_str(), F_OK) == 0 && sizes_.try_emplace(key, *linked).second)
    evict_locked();
  return note.str();
}

namespace {
bool write_note(const fs::path& path, const std::string& note) {
  std::ofstream out(path, std::ios::binary);
  out << note;
  out.close();
  return static_cast<bool>(out);
}
}  // namespace

void CompileCache::store(const std::string& key, const fs::path& source,
                         const std::string& note) {
  const fs::path tmp = dir_ / ("tmp-" + random_hex(8));
  if (::mkdir(tmp.c_str(), 0700) != 0) return;
  auto bytes = clone_tree(source, tmp / "tree", true);
  if (!bytes || *bytes > budget_.max_bytes / 4 || !write_note(tmp / "note", note) ||
      ::rename(tmp.c_str(), (dir_ / key).c_str()) != 0) {
    (void)sandbox::remove_tree(tmp);  // an error, too big, or another writer won: no entry
    return;
  }
  std::lock_guard lock(mutex_);
  sizes_[key] = *bytes;
  evict_locked();
}

void CompileCache::evict_locked() {
  auto total = [&] {
    std::uint64_t t = 0;
    for (const auto& [k, v] : sizes_) t += v;
    return t;
  };
  if (sizes_.size() <= budget_.max_entries && total() <= budget_.max_bytes) return;
  std::vector<std::pair<fs::file_time_type, std::string>> by_age;
  for (const auto& [k, v] : sizes_) {
    std::error_code ec;
    by_age.emplace_back(fs::last_write_time(dir_ / k, ec), k);
  }
  std::sort(by_age.begin(), by_age.end());
  for (const auto& [when, k] : by_age) {
    if (sizes_.size() <= budget_.max_entries && total() <= budget_.max_bytes) break;
    const fs::path trash = dir_ / ("old-" + random_hex(8));
    if (::rename((dir_ / k).c_str(), trash.c_str()) == 0) {
      (void)lock_entries(dir_, LOCK_EX);  // wait for copies that started from the old name
      (void)sandbox::remove_tree(trash);
    }
    sizes_.erase(k);
  }
}

std::size_t CompileCache::entries() const {
  std::lock_guard lock(mutex_);
  return sizes_.size();
}

std::uint64_t CompileCache::bytes() const {
  std::lock_guard lock(mutex_);
  std::uint64_t t = 0;
  for (const auto& [k, v] : sizes_) t += v;
  return t;
}

}  // namespace tc::exec
