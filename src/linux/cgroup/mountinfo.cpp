#include "linux/cgroup/mountinfo.hpp"

#include <cstddef>

#include "linux/cgroup/text.hpp"

namespace tc::cgroup {
namespace {

bool is_octal(char c) {
  return c >= '0' && c <= '7';
}

Result<CgroupMount> parse_line(std::string_view line, std::size_t number, bool& is_cgroup) {
  const auto fail = [&](const std::string& why) {
    return make_error(Phase::cgroup, "mountinfo line " + std::to_string(number) + ": " + why);
  };
  const std::vector<std::string_view> fields = split_fields(line);
  std::size_t sep = 0;
  for (std::size_t i = 6; i < fields.size(); ++i) {
    if (fields[i] == "-") {
      sep = i;
      break;
    }
  }
  if (fields.size() < 10 || sep == 0)
    return fail("expected 'id parent dev root mount opts ... - type source superopts'");
  if (fields.size() < sep + 4) return fail("missing fields after the ' - ' separator");
  const std::string_view fstype = fields[sep + 1];
  is_cgroup = fstype == "cgroup" || fstype == "cgroup2";
  if (!is_cgroup) return CgroupMount{};
  auto root = unescape_mount_path(fields[3]);
  if (!root) return fail(root.error().message);
  auto mount_point = unescape_mount_path(fields[4]);
  if (!mount_point) return fail(mount_point.error().message);
  if (root->empty() || (*root)[0] != '/') return fail("root '" + *root + "' is not absolute");
  if (mount_point->empty() || (*mount_point)[0] != '/')
    return fail("mount point '" + *mount_point + "' is not absolute");
  CgroupMount m;
  m.root = std::move(*root);
  m.mount_point = std::move(*mount_point);
  m.v2 = fstype == "cgroup2";
  for (std::string_view opt : split(fields[sep + 3], ',')) m.super_options.emplace_back(opt);
  return m;
}

}  // namespace

Result<std::string> unescape_mount_path(std::string_view field) {
  std::string out;
  out.reserve(field.size());
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] != '\\') {
      out += field[i];
      continue;
    }
    if (i + 3 >= field.size() || !is_octal(field[i + 1]) || !is_octal(field[i + 2]) ||
        !is_octal(field[i + 3]))
      return make_error(Phase::cgroup, "bad escape in '" + std::string(field) + "'");
    const int value = (field[i + 1] - '0') * 64 + (field[i + 2] - '0') * 8 + (field[i + 3] - '0');
    if (value > 255) return make_error(Phase::cgroup, "bad escape in '" + std::string(field) + "'");
    out += static_cast<char>(value);
    i += 3;
  }
  return out;
}

Result<std::vector<CgroupMount>> parse_mountinfo(std::string_view text) {
  std::vector<CgroupMount> mounts;
  std::size_t number = 0;
  for (std::string_view line : split_lines(text)) {
    ++number;
    if (line.empty()) continue;
    bool is_cgroup = false;
    auto m = parse_line(line, number, is_cgroup);
    if (!m) return std::unexpected(m.error());
    if (is_cgroup) mounts.push_back(std::move(*m));
  }
  return mounts;
}

}  // namespace tc::cgroup
