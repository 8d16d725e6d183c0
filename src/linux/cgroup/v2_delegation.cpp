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

Result<std::vector<std::string>> enable_controllers(const std::string& dir,
                                                    const std::vector<std::string>& wanted) {
  auto available = read_controller_list(dir + "/cgroup.controllers");
  if (!available) return std::unexpected(available.error());
  auto enabled = read_controller_list(dir + "/cgroup.subtree_control");
  if (!enabled) return std::unexpected(enabled.error());
  for (const std::string& c : wanted) {
    if (!contains(*available, c) || contains(*enabled, c)) continue;
    auto wrote = write_file(dir + "/cgroup.subtree_control", "+" + c);
    if (wrote) {
      enabled->push_back(c);
      continue;
    }
    if (wrote.error().sys_errno == EBUSY)
      return make_error(Phase::cgroup,
                        "cannot enable the " + c + " controller in " + dir +
                            ": it has processes (cgroup v2 'no internal processes' rule); move "
                            "them into a leaf cgroup first or choose another --cgroup-parent");
  }
  return enabled;
}

Result<void> move_self_into_leaf(const std::string& dir, const std::string& leaf) {
  const std::string path = dir + "/" + leaf;
  if (::mkdir(path.c_str(), 0755) != 0 && errno != EEXIST)
    return sys_error(Phase::cgroup, "mkdir " + path);
  return write_file(path + "/cgroup.procs", "0");
}

}  // namespace tc::cgroup
