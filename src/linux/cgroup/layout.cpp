#include "linux/cgroup/layout.hpp"

#include <algorithm>

#include "linux/cgroup/files.hpp"
#include "linux/cgroup/mountinfo.hpp"
#include "linux/cgroup/proc_cgroup.hpp"

namespace tc::cgroup {
namespace {

bool has_option(const CgroupMount& m, std::string_view opt) {
  return std::find(m.super_options.begin(), m.super_options.end(), opt) != m.super_options.end();
}

// The process's path relative to a mount whose root is `root`, or nullopt when the
// mount does not show that cgroup.
std::optional<std::string> relative_to(const std::string& root, const std::string& path) {
  if (root == "/") return path;
  if (path.compare(0, root.size(), root) != 0) return std::nullopt;
  if (path.size() == root.size()) return std::string("/");
  if (path[root.size()] != '/') return std::nullopt;
  return path.substr(root.size());
}

std::optional<Hierarchy> find_mount(const ProcCgroupEntry& e,
                                    const std::vector<CgroupMount>& mounts) {
  for (const CgroupMount& m : mounts) {
    const bool v2_entry = e.hierarchy_id == 0;
    if (m.v2 != v2_entry) continue;
    if (!v2_entry && !std::all_of(e.controllers.begin(), e.controllers.end(),
                                  [&](const std::string& c) { return has_option(m, c); }))
      continue;
    auto rel = relative_to(m.root, e.path);
    if (!rel) continue;
    return Hierarchy{m.mount_point, std::move(*rel), e.controllers};
  }
  return std::nullopt;
}

bool has_real_controller(const Hierarchy& h) {
  return std::any_of(h.controllers.begin(), h.controllers.end(),
                     [](const std::string& c) { return c.rfind("name=", 0) != 0; });
}

}  // namespace

std::string_view to_string(LayoutMode m) noexcept {
  switch (m) {
    case LayoutMode::unified:
      return "unified";
    case LayoutMode::legacy:
      return "legacy";
    case LayoutMode::hybrid:
      return "hybrid";
  }
  return "unified";
}

std::string Hierarchy::own_dir() const {
  if (own_path == "/") return mount_point;
  return mount_point + own_path;
}

const Hierarchy* Layout::v1_for(std::string_view controller) const {
  for (const Hierarchy& h : v1)
    if (std::find(h.controllers.begin(), h.controllers.end(), controller) != h.controllers.end())
      return &h;
  return nullptr;
}

Result<Layout> detect_layout(std::string_view proc_self_cgroup, std::string_view mountinfo) {
  auto entries = parse_proc_cgroup(proc_self_cgroup);
  if (!entries) return std::unexpected(entries.error());
  auto mounts = parse_mountinfo(mountinfo);
  if (!mounts) return std::unexpected(mounts.error());
  if (entries->empty()) return make_error(Phase::cgroup, "/proc/self/cgroup is empty");
  Layout layout;
  for (const ProcCgroupEntry& e : *entries) {
    auto h = find_mount(e, *mounts);
    if (!h) continue;
    if (e.hierarchy_id == 0)
      layout.unified = std::move(*h);
    else
      layout.v1.push_back(std::move(*h));
  }
  const bool v1_controllers = std::any_of(layout.v1.begin(), layout.v1.end(), has_real_controller);
  if (v1_controllers)
    layout.mode = layout.unified ? LayoutMode::hybrid : LayoutMode::legacy;
  else if (layout.unified)
    layout.mode = LayoutMode::unified;
  else
    return make_error(Phase::cgroup,
                      "no cgroup hierarchy of this process is mounted (see /proc/self/mountinfo)");
  return layout;
}

Result<Layout> probe_layout() {
  auto cg = read_file("/proc/self/cgroup");
  if (!cg) return std::unexpected(cg.error());
  auto mi = read_file("/proc/self/mountinfo");
  if (!mi) return std::unexpected(mi.error());
  return detect_layout(*cg, *mi);
}

}  // namespace tc::cgroup
