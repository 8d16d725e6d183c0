// Test helper: what a run may leave behind on the host (processes, mounts, fds, dirs).
#pragma once

#include <dirent.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace tc::test {

// Processes whose /proc/<pid>/status line starting with `field` (e.g. "Uid:", "PPid:")
// satisfies `match`, given the text after the field name with leading blanks removed.
template <typename Match>
int count_processes(const std::string& field, Match match) {
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator("/proc")) {
    const std::string name = e.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream status(e.path() / "status");
    std::string line;
    while (std::getline(status, line)) {
      if (line.rfind(field, 0) != 0) continue;
      std::string value = line.substr(field.size());
      value.erase(0, value.find_first_not_of(" \t"));
      if (match(value)) ++n;
      break;
    }
  }
  return n;
}

// Processes whose real uid lies in [base, base + 65536): exactly a sandbox's mapped ids.
inline int count_processes_in_uid_range(std::uint32_t base) {
  return count_processes("Uid:", [base](const std::string& v) {
    const std::uint64_t uid = std::stoull(v);
    return uid >= base && uid < base + 65536u;
  });
}

// Processes whose parent is the calling process.
inline int count_own_children() {
  const std::string me = std::to_string(::getpid());
  return count_processes("PPid:", [&me](const std::string& v) { return v == me; });
}

inline int count_lines(const char* path) {
  std::ifstream in(path);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) ++n;
  return n;
}

inline int count_entries(const std::filesystem::path& dir) {
  if (!std::filesystem::exists(dir)) return 0;
  int n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}

// Per-run directories left in a runtime dir (the CLI's seccomp-cache is meant to stay).
inline int count_run_dirs(const std::filesystem::path& runtime_dir) {
  if (!std::filesystem::exists(runtime_dir)) return 0;
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator(runtime_dir))
    if (e.path().filename() != "seccomp-cache") ++n;
  return n;
}

// A uid base private to this test process, so concurrent runs elsewhere do not interfere.
inline std::uint32_t private_uid_base() {
  // 60000 slots of 65536 ids above 300000000 stay below 2^32 - 65536.
  return 300000000u + static_cast<std::uint32_t>(::getpid() % 60000) * 65536u;
}

}  // namespace tc::test
