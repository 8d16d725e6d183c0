#include "linux/cgroup/v2_delegation.hpp"

#include <sys/stat.h>

#include <algorithm>

#include "linux/cgroup/files.hpp"
#include "linux/cgroup/text.hpp"

namespace tc::cgroup {
namespace {

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

Result<std::vector<std::string>> read_controller_list(const std::string& path) {
  auto text = read_file(path);
  if (!text) return std::unexpected(text.error());
  std::vector<std::string> out;
  for (std::string_view f : split_fields(trim(*text))) out.emplace_back(f);
  return out;
}

Result<EnableReport> enable_controllers(const std::string& dir,
                                        const std::vector<std::string>& wanted) {
  auto available = read_controller_list(dir + "/cgroup.controllers");
  if (!available) return std::unexpected(available.error());
  auto enabled = read_controller_list(dir + "/cgroup.subtree_control");
  if (!enabled) return std::unexpected(enabled.error());
  EnableReport report;
  for (const std::string& c : wanted) {
    if (contains(*enabled, c)) continue;
    if (!contains(*available, c)) {
      report.refused.push_back(c + ": not offered to " + dir + " (cgroup.controllers)");
      continue;
    }
    auto wrote = write_file(dir + "/cgroup.subtree_control", "+" + c);
    if (wrote) {
      enabled->push_back(c);
    } else if (wrote.error().sys_errno == EBUSY) {
      report.refused.push_back(c + ": " + dir +
                               " has processes (cgroup v2 'no internal processes' rule); move "
                               "them into a leaf cgroup or choose another --cgroup-parent");
    } else {
      report.refused.push_back(c + ": " + wrote.error().describe());
    }
  }
  report.enabled = std::move(*enabled);
  return report;
}

Result<void> move_self_into_leaf(const std::string& dir, const std::string& leaf) {
  const std::string path = dir + "/" + leaf;
  if (::mkdir(path.c_str(), 0755) != 0 && errno != EEXIST)
    return sys_error(Phase::cgroup, "mkdir " + path);
  return write_file(path + "/cgroup.procs", "0");
}

}  // namespace tc::cgroup
