#include "linux/cgroup/manager.hpp"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>

#include "linux/cgroup/run_name.hpp"
#include "linux/cgroup/text.hpp"
#include "linux/cgroup/v1_backend.hpp"
#include "linux/cgroup/v2_backend.hpp"
#include "linux/cgroup/v2_delegation.hpp"

namespace tc::cgroup {
namespace {

Result<void> check_cgroup_path(const std::string& path) {
  if (path.empty() || path == "/")
    return make_error(Phase::usage, "--cgroup-parent '" + path + "' names no cgroup");
  for (std::string_view part : split(path, '/'))
    if (part == "." || part == "..")
      return make_error(Phase::usage, "--cgroup-parent '" + path + "' must not contain . or ..");
  return {};
}

// mkdir -p of the --cgroup-parent path: absolute paths start at the hierarchy's mount,
// relative ones at the caller's own cgroup (`own`). On v2 controllers are enabled along
// the way so the parent offers them to its children.
Result<std::string> make_parent(const Hierarchy& h, const std::string& path, bool v2) {
  std::string dir = path[0] == '/' ? h.mount_point : h.own_dir();
  for (std::string_view part : split(path, '/')) {
    if (part.empty()) continue;
    if (v2) (void)enable_controllers(dir, {"cpu", "memory", "pids"});
    dir += "/";
    dir += part;
    if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST)
      return sys_error(Phase::cgroup, "mkdir " + dir);
  }
  return dir;
}

Result<std::unique_ptr<Backend>> open_v2(const Layout& layout, const ManagerOptions& opt) {
  if (!layout.unified) return make_error(Phase::cgroup, "no cgroup v2 hierarchy is mounted");
  std::string parent = layout.unified->own_dir();
  if (opt.cgroup_parent) {
    auto made = make_parent(*layout.unified, *opt.cgroup_parent, true);
    if (!made) return std::unexpected(made.error());
    parent = std::move(*made);
  } else if (opt.move_self_to_leaf) {
    if (auto ok = move_self_into_leaf(parent, "tc-manager"); !ok)
      return std::unexpected(ok.error());
  }
  auto backend = V2Backend::open(parent);
  if (!backend) return std::unexpected(backend.error());
  return std::unique_ptr<Backend>(std::move(*backend));
}

Result<std::string> v1_parent(const Layout& layout, const std::string& controller,
                              const ManagerOptions& opt) {
  const Hierarchy* h = layout.v1_for(controller);
  if (h == nullptr) return std::string();
  if (!opt.cgroup_parent) return h->own_dir();
  return make_parent(*h, *opt.cgroup_parent, false);
}

Result<std::unique_ptr<Backend>> open_v1(const Layout& layout, const ManagerOptions& opt) {
  V1Parents p;
  for (auto [controller, slot] :
       {std::pair{"memory", &p.memory}, std::pair{"pids", &p.pids}, std::pair{"cpu", &p.cpu},
        std::pair{"cpuacct", &p.cpuacct}, std::pair{"freezer", &p.freezer}}) {
    auto dir = v1_parent(layout, controller, opt);
    if (!dir) return std::unexpected(dir.error());
    *slot = std::move(*dir);
  }
  auto backend = V1Backend::open(std::move(p));
  if (!backend) return std::unexpected(backend.error());
  return std::unique_ptr<Backend>(std::move(*backend));
}

std::vector<std::string> run_cgroups_in(const std::string& dir) {
  std::vector<std::string> names;
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return names;
  while (const dirent* e = ::readdir(d))
    if (e->d_type == DT_DIR && parse_run_name(e->d_name)) names.emplace_back(e->d_name);
  ::closedir(d);
  return names;
}

}  // namespace

Result<CgroupManager> CgroupManager::open(const ManagerOptions& options) {
  if (options.cgroup_parent)
    if (auto ok = check_cgroup_path(*options.cgroup_parent); !ok)
      return std::unexpected(ok.error());
  auto layout = probe_layout();
  if (!layout) return std::unexpected(layout.error());
  const bool use_v2 =
      options.version ? *options.version == CgroupVersion::v2 : layout->mode == LayoutMode::unified;
  auto backend = use_v2 ? open_v2(*layout, options) : open_v1(*layout, options);
  if (!backend) return std::unexpected(backend.error());
  return CgroupManager(std::move(*layout), std::move(*backend));
}

Result<std::unique_ptr<RunCgroup>> CgroupManager::create_run(const Limits& limits) {
  auto name = new_run_name();
  if (!name) return std::unexpected(name.error());
  return backend_->create(format_run_name(*name), limits);
}

ReapReport CgroupManager::reap_stale() {
  std::vector<std::string> names;
  for (const std::string& dir : backend_->parent_dirs())
    for (std::string& n : run_cgroups_in(dir))
      if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(std::move(n));
  ReapReport report;
  for (const std::string& n : names) {
    auto parsed = parse_run_name(n);
    if (!parsed || !owner_is_dead(*parsed)) continue;
    if (auto ok = backend_->remove_stale(n))
      report.removed.push_back(n);
    else
      report.failed.push_back(n + ": " + ok.error().describe());
  }
  return report;
}

}  // namespace tc::cgroup
