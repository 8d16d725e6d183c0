#include "cli/subids.hpp"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <vector>

#include "linux/id_map.hpp"

namespace tc::cli {
namespace {

std::optional<std::uint32_t> number(std::string_view s) {
  std::uint32_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::string user_name(uid_t uid) {
  std::vector<char> buf(16384);
  passwd pw{};
  passwd* found = nullptr;
  if (::getpwuid_r(uid, &pw, buf.data(), buf.size(), &found) != 0 || found == nullptr) return {};
  return pw.pw_name;
}

}  // namespace

std::optional<SubIdRange> parse_subid_line(std::string_view line) {
  if (line.empty() || line.front() == '#') return std::nullopt;
  auto c1 = line.find(':');
  if (c1 == std::string_view::npos || c1 == 0) return std::nullopt;
  auto c2 = line.find(':', c1 + 1);
  if (c2 == std::string_view::npos) return std::nullopt;
  auto start = number(line.substr(c1 + 1, c2 - c1 - 1));
  auto count = number(line.substr(c2 + 1));
  if (!start || !count || *count == 0 || *start == 0 ||
      std::uint64_t{*start} + *count > 0xffffffffULL)
    return std::nullopt;
  return SubIdRange{std::string(line.substr(0, c1)), *start, *count};
}

std::optional<SubIdRange> find_sub_range(const std::filesystem::path& file, const std::string& name,
                                         std::uint32_t id) {
  std::ifstream in(file);
  std::string line;
  const std::string id_text = std::to_string(id);
  while (std::getline(in, line)) {
    auto r = parse_subid_line(line);
    if (r && ((!name.empty() && r->owner == name) || r->owner == id_text)) return r;
  }
  return std::nullopt;
}

std::optional<sandbox::IdentitySpec::SubIds> lookup_sub_ids(uid_t uid, gid_t gid) {
  if (::access(sandbox::kNewuidmap, X_OK) != 0 || ::access(sandbox::kNewgidmap, X_OK) != 0)
    return std::nullopt;
  const std::string name = user_name(uid);
  auto u = find_sub_range("/etc/subuid", name, uid);
  auto g = find_sub_range("/etc/subgid", name, gid);
  if (!u || !g) return std::nullopt;
  return sandbox::IdentitySpec::SubIds{u->start, g->start, std::min(u->count, g->count)};
}

}  // namespace tc::cli
