// tinycontainer — the profile a run actually uses, from the CLI/metadata choices.
//
// Contract (what `--seccomp-profile FILE` and `--allow-syscall NAME` mean):
//   1. start from FILE if given, else the built-in default profile;
//   2. a FILE with "extends": "default" is overlaid on the default (per-syscall
//      replacement, profile.hpp overlay()); a FILE without it REPLACES the default;
//   3. every --allow-syscall NAME then gets an unconditional allow (replacing that
//      syscall's rules, e.g. making "ptrace" usable for a debugger course).
// Errors: FILE unreadable or invalid (profile_json.hpp messages, with the file name);
// an unknown NAME: Phase::usage "--allow-syscall: unknown syscall 'NAME'".
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "linux/seccomp/profile.hpp"

namespace tc::seccomp {

struct ProfileChoice {
  std::optional<std::filesystem::path> file;
  std::vector<std::string> allow_syscalls;
};

[[nodiscard]] Result<Profile> effective_profile(const ProfileChoice& choice);

}  // namespace tc::seccomp
