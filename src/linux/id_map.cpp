#include "linux/id_map.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

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
}  // namespace

IdMaps plan_id_maps(const IdentitySpec& ids) {
  IdMaps maps;
  if (ids.rootless) {
    maps.uids.push_back({0, ids.caller_uid, 1});
    maps.gids.push_back({0, ids.caller_gid, 1});
    maps.deny_setgroups = true;
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
  if (maps.deny_setgroups)
    if (auto r = write_proc_file(pid, "setgroups", "deny\n"); !r) return r;
  if (auto r = write_proc_file(pid, "uid_map", format_id_map(maps.uids)); !r) return r;
  return write_proc_file(pid, "gid_map", format_id_map(maps.gids));
}

}  // namespace tc::sandbox
