// Test helper: runs the real `tinycontainer` binary and collects its exit status and output.
#pragma once

#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace tc::test {

struct CliResult {
  int exit_code = -1;  // 128+n when the CLI itself died of signal n
  std::string out;
  std::string err;
  [[nodiscard]] nlohmann::json json() const { return nlohmann::json::parse(out); }
};

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Starts the CLI with stdout/stderr redirected to files in `dir`; returns its pid.
// With as_uid >= 0 the CLI runs as that uid/gid (rootless mode).
inline pid_t start_cli(const std::vector<std::string>& args, const std::filesystem::path& dir,
                       int as_uid = -1) {
  pid_t pid = ::fork();
  if (pid != 0) return pid;
  int out = ::open((dir / "out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  int err = ::open((dir / "err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  int in = ::open("/dev/null", O_RDONLY);
  ::dup2(in, 0);
  ::dup2(out, 1);
  ::dup2(err, 2);
  if (as_uid >= 0 && (::setgroups(0, nullptr) != 0 || ::setresgid(as_uid, as_uid, as_uid) != 0 ||
                      ::setresuid(as_uid, as_uid, as_uid) != 0))
    ::_exit(126);
  std::vector<char*> argv;
  std::string bin = TC_BINARY;
  argv.push_back(bin.data());
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  ::execv(bin.c_str(), argv.data());
  ::_exit(126);
}

inline CliResult finish_cli(pid_t pid, const std::filesystem::path& dir) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  CliResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = slurp(dir / "out");
  r.err = slurp(dir / "err");
  return r;
}

inline std::filesystem::path scratch_dir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "tc-it-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) std::abort();
  ::chmod(tmpl.c_str(), 0711);  // usable as --runtime-dir: the sandbox walks down to its run dir
  return tmpl;
}

inline CliResult run_cli(const std::vector<std::string>& args) {
  auto dir = scratch_dir();
  CliResult r = finish_cli(start_cli(args, dir), dir);
  std::filesystem::remove_all(dir);
  return r;
}

// `tinycontainer run --json -q [opts] -- sh -c script`
inline CliResult run_sh(const std::string& script, std::vector<std::string> opts = {}) {
  std::vector<std::string> args{"run", "--json", "-q"};
  args.insert(args.end(), opts.begin(), opts.end());
  args.insert(args.end(), {"--", "/bin/sh", "-c", script});
  return run_cli(args);
}

}  // namespace tc::test
