#include "linux/cgroup/proc_cgroup.hpp"

#include "linux/cgroup/text.hpp"

namespace tc::cgroup {

Result<std::vector<ProcCgroupEntry>> parse_proc_cgroup(std::string_view text) {
  std::vector<ProcCgroupEntry> entries;
  std::size_t number = 0;
  for (std::string_view line : split_lines(text)) {
    ++number;
    if (line.empty()) continue;
    const std::string where = "/proc/self/cgroup line " + std::to_string(number);
    const auto c1 = line.find(':');
    const auto c2 = c1 == std::string_view::npos ? c1 : line.find(':', c1 + 1);
    if (c2 == std::string_view::npos)
      return make_error(Phase::cgroup, where + ": expected 'id:controllers:path'");
    auto id = parse_u64(line.substr(0, c1), where + ": hierarchy id");
    if (!id) return std::unexpected(id.error());
    if (*id > 0xffff) return make_error(Phase::cgroup, where + ": hierarchy id out of range");
    ProcCgroupEntry e;
    e.hierarchy_id = static_cast<unsigned>(*id);
    for (std::string_view c : split(line.substr(c1 + 1, c2 - c1 - 1), ',')) {
      if (c.empty()) return make_error(Phase::cgroup, where + ": empty controller name");
      e.controllers.emplace_back(c);
    }
    e.path = std::string(line.substr(c2 + 1));
    if (e.path.empty() || e.path[0] != '/')
      return make_error(Phase::cgroup, where + ": path '" + e.path + "' is not absolute");
    if (e.hierarchy_id == 0 && !e.controllers.empty())
      return make_error(Phase::cgroup, where + ": hierarchy 0 (v2) lists controllers");
    entries.push_back(std::move(e));
  }
  return entries;
}

}  // namespace tc::cgroup
