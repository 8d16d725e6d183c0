#include "linux/id_map.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include "common/unique_fd.hpp"

namespace tc::sandbox {

namespace {
Result<void> write_proc_file(pid_t pid, const char* name, const std::string& text) {
  auto path = fmt::format("/proc/{}/{}", pid, name);
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
  if (!fd) return sys_error(Phase::namespaces, "open " + path);
  ssize_t n = ::write(fd.get(), text.data(), text.size());
  if (n != static_cast<ssize_t>(text.size()))
    return sys_error(Phase::namespaces,
                     fmt::format("write {} '{}'", path, text.substr(0, text.size() - 1)));
  return {};
}
// Runs `helper pid inside outside count ...` and waits for it (the caller is single-threaded).
Result<void> run_helper(const char* helper, pid_t pid, const std::vector<IdMapEntry>& entries) {
  std::vector<std::string> args{helper, std::to_string(pid)};
  for (const auto& e : entries)
    for (auto v : {e.inside, e.outside, e.count}) args.push_back(std::to_string(v));
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  char* envp[] = {nullptr};
  pid_t child = ::fork();
  if (child < 0) return sys_error(Phase::namespaces, std::string("fork ") + helper);
  if (child == 0) {
    int devnull = ::open("/dev/null", O_RDWR);
    ::dup2(devnull, 0);
    ::dup2(devnull, 1);  // stderr stays: the helper's own message explains a refusal
    ::execve(helper, argv.data(), envp);
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(child, &status, 0) < 0)
    if (errno != EINTR) return sys_error(Phase::namespaces, std::string("wait ") + helper);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return make_error(Phase::namespaces,
                      fmt::format("{} failed (wait status {}): check /etc/subuid and /etc/subgid",
                                  helper, status));
  return {};
}
}  // namespace

IdMaps plan_id_maps(const IdentitySpec& ids) {
  IdMaps maps;
  if (ids.rootless) {
    maps.uids.push_back({0, ids.caller_uid, 1});
    maps.gids.push_back({0, ids.caller_gid, 1});
    if (ids.sub_ids) {
      maps.uids.push_back({1, ids.sub_ids->uid_start, ids.sub_ids->count});
      maps.gids.push_back({1, ids.sub_ids->gid_start, ids.sub_ids->count});
      maps.helpers = true;
    } else {
      maps.deny_setgroups = true;
    }
  } else {
    maps.uids.push_back({0, ids.host_id_base, ids.id_count});
    maps.gids.push_back({0, ids.host_id_base, ids.id_count});
  }
  return maps;
}

std::string format_id_map(const std::vector<IdMapEntry>& entries) {
  std::string out;
  for (const auto& e : entries) out += fmt::format("{} {} {}\n", e.inside, e.outside, e.count);
  return out;
}

Result<void> write_id_maps(pid_t pid, const IdMaps& maps) {
  if (maps.helpers) {
    if (auto r = run_helper(kNewuidmap, pid, maps.uids); !r) return r;
    return run_helper(kNewgidmap, pid, maps.gids);
  }
  if (maps.deny_setgroups)
    if (auto r = write_proc_file(pid, "setgroups", "deny\n"); !r) return r;
  if (auto r = write_proc_file(pid, "uid_map", format_id_map(maps.uids)); !r) return r;
  return write_proc_file(pid, "gid_map", format_id_map(maps.gids));
}

}  // namespace tc::sandbox
