#include "linux/cgroup/v2_backend.hpp"

#include <unistd.h>

#include <algorithm>

#include "linux/cgroup/files.hpp"
#include "linux/cgroup/v2_delegation.hpp"
#include "linux/cgroup/v2_run_cgroup.hpp"

namespace tc::cgroup {

Result<std::unique_ptr<V2Backend>> V2Backend::open(std::string parent_dir) {
  if (!file_exists(parent_dir + "/cgroup.controllers"))
    return make_error(Phase::cgroup, parent_dir + " is not a cgroup v2 directory");
  const bool writable = ::access(parent_dir.c_str(), W_OK) == 0 &&
                        ::access((parent_dir + "/cgroup.subtree_control").c_str(), W_OK) == 0;
  std::vector<std::string> enabled;
  std::vector<std::string> notes;
  if (writable) {
    auto now = enable_controllers(parent_dir, {"cpu", "memory", "pids"});
    if (!now) return std::unexpected(now.error());
    enabled = std::move(now->enabled);
    notes = std::move(now->refused);
  } else {
    auto now = read_controller_list(parent_dir + "/cgroup.subtree_control");
    if (now) enabled = std::move(*now);
    notes.push_back(parent_dir + " is not writable by this user (no delegated cgroup)");
  }
  return std::unique_ptr<V2Backend>(
      new V2Backend(std::move(parent_dir), std::move(enabled), writable, std::move(notes)));
}

bool V2Backend::has(const std::string& controller) const {
  return std::find(enabled_.begin(), enabled_.end(), controller) != enabled_.end();
}

Result<std::unique_ptr<RunCgroup>> V2Backend::create(const std::string& name,
                                                     const Limits& limits) {
  if (auto ok = validate(limits); !ok) return std::unexpected(ok.error());
  return make_v2_run(parent_, name, limits, enabled_);
}

std::vector<std::string> V2Backend::unenforceable(const Limits& limits) const {
  std::vector<std::string> out;
  for (const std::string& limit : limit_names(limits)) {
    const std::string controller = limit == "memory"                            ? "memory"
                                   : limit == "pids"                            ? "pids"
                                   : (limit == "cpus" || limit == "cpu-weight") ? "cpu"
                                                                                : "";
    if (!writable_ || (!controller.empty() && !has(controller))) out.push_back(limit);
  }
  return out;
}

Result<void> V2Backend::remove_stale(const std::string& name) {
  return destroy_v2_dir(parent_ + "/" + name);
}

}  // namespace tc::cgroup
