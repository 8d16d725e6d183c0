#include "linux/cgroup/v1_backend.hpp"

#include <unistd.h>

#include <algorithm>

#include "linux/cgroup/files.hpp"
#include "linux/cgroup/v1_run_cgroup.hpp"

namespace tc::cgroup {
namespace {

bool writable(const std::string& dir) {
  return !dir.empty() && ::access(dir.c_str(), W_OK) == 0;
}

}  // namespace

Result<std::unique_ptr<V1Backend>> V1Backend::open(V1Parents parents) {
  for (const std::string* d :
       {&parents.memory, &parents.pids, &parents.cpu, &parents.cpuacct, &parents.freezer})
    if (!d->empty() && !file_exists(*d + "/cgroup.procs"))
      return make_error(Phase::cgroup, *d + " is not a cgroup v1 directory");
  return std::unique_ptr<V1Backend>(new V1Backend(std::move(parents)));
}

Result<std::unique_ptr<RunCgroup>> V1Backend::create(const std::string& name,
                                                     const Limits& limits) {
  if (auto ok = validate(limits); !ok) return std::unexpected(ok.error());
  return make_v1_run(parents_, name, limits);
}

std::vector<std::string> V1Backend::unenforceable(const Limits& limits) const {
  std::vector<std::string> out;
  for (const std::string& limit : limit_names(limits)) {
    const std::string& dir = limit == "memory"                            ? parents_.memory
                             : limit == "pids"                            ? parents_.pids
                             : (limit == "cpus" || limit == "cpu-weight") ? parents_.cpu
                                                                          : parents_.cpuacct;
    if (!writable(dir)) out.push_back(limit);
  }
  return out;
}

std::vector<std::string> V1Backend::parent_dirs() const {
  std::vector<std::string> out;
  for (const std::string* d :
       {&parents_.memory, &parents_.pids, &parents_.cpu, &parents_.cpuacct, &parents_.freezer})
    if (!d->empty() && std::find(out.begin(), out.end(), *d) == out.end()) out.push_back(*d);
  return out;
}

std::vector<std::string> V1Backend::notes() const {
  std::vector<std::string> out;
  for (auto [controller, dir] :
       {std::pair{"memory", &parents_.memory}, std::pair{"pids", &parents_.pids},
        std::pair{"cpu", &parents_.cpu}, std::pair{"cpuacct", &parents_.cpuacct}}) {
    if (dir->empty())
      out.push_back(std::string(controller) + ": hierarchy not mounted");
    else if (!writable(*dir))
      out.push_back(std::string(controller) + ": " + *dir + " is not writable by this user");
  }
  if (parents_.freezer.empty())
    out.emplace_back("freezer: not mounted; kill falls back to repeated SIGKILL");
  return out;
}

Result<void> V1Backend::remove_stale(const std::string& name) {
  std::vector<std::string> dirs;
  for (const std::string& parent : parent_dirs())
    if (file_exists(parent + "/" + name)) dirs.push_back(parent + "/" + name);
  const std::string freezer = parents_.freezer.empty() ? "" : parents_.freezer + "/" + name;
  return destroy_v1_dirs(freezer, dirs);
}

}  // namespace tc::cgroup
