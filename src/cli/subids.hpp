// tinycontainer run — subordinate id ranges for rootless runs (subuid(5), subgid(5)).
//
// Contract: parse_subid_line() reads one "owner:start:count" line (owner is a user name
// or a numeric uid/gid; comments and malformed lines give nullopt). lookup_sub_ids()
// returns the first range of the caller (matched by name or id) in /etc/subuid and
// /etc/subgid, count = the smaller of the two, only when both exist and the setuid
// helpers /usr/bin/newuidmap and /usr/bin/newgidmap are executable; otherwise nullopt
// (the sandbox then maps only the caller, as before).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "linux/sandbox_spec.hpp"

namespace tc::cli {

struct SubIdRange {
  std::string owner;
  std::uint32_t start = 0;
  std::uint32_t count = 0;
};

[[nodiscard]] std::optional<SubIdRange> parse_subid_line(std::string_view line);

[[nodiscard]] std::optional<SubIdRange> find_sub_range(const std::filesystem::path& file,
                                                       const std::string& name, std::uint32_t id);

[[nodiscard]] std::optional<sandbox::IdentitySpec::SubIds> lookup_sub_ids(uid_t uid, gid_t gid);

}  // namespace tc::cli
