// tinycontainer — strict JSON loader for seccomp profiles (profiles/*.json).
//
// Contract: parse_profile() accepts exactly this schema and nothing else:
//   { "name": string, "description"?: string,
//     "extends"?: "default"      (overlay this profile on the default, see profile.hpp),
//     "defaultAction": Action    (optional only when "extends" is given),
//     "rules": [ { "comment"?: string, "action": "allow"|"errno"|"violation"|"kill_process",
//                  "errno"?: "ENOSYS"|number   (required iff action == "errno"),
//                  "syscalls": [ string, ... ]  (non-empty, names known to libseccomp),
//                  "args"?: [ { "index": 0..5, "op": "eq"|"ne"|"lt"|"le"|"gt"|"ge"|
//                               "masked_eq"|"masked_ne", "value": U64,
//                               "mask": U64 (required iff op is masked_*) } ] } ] }
//   Action = { "action": ..., "errno"?: ... }   U64 = non-negative integer or "0x..." string
// Every error is a tc::Error (Phase::config) whose message names the source and the
// JSON path of the offending field: "default.json: rules[3].syscalls[1]: unknown
// syscall 'mout'". Unknown fields and wrong types are errors, never ignored.
// Cross-rule consistency (e.g. an unconditional and a conditional rule for one syscall)
// is checked by the policy builder, which reports the same rule paths.
#pragma once

#include <filesystem>
#include <string_view>

#include "common/error.hpp"
#include "linux/seccomp/profile.hpp"

namespace tc::seccomp {

[[nodiscard]] Result<Profile> parse_profile(std::string_view json_text,
                                            std::string_view source = "profile");
[[nodiscard]] Result<Profile> load_profile(const std::filesystem::path& file);

// The default profile (profiles/default.json, embedded into the binary at build time).
[[nodiscard]] std::string_view default_profile_json() noexcept;
[[nodiscard]] Result<Profile> default_profile();

}  // namespace tc::seccomp
