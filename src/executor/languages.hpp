// tinycontainer executor — the set of language profiles and which of them are installed.
//
// Contract: load() parses every `*.json` of a directory (profile.hpp; sorted by file
// name, other files ignored) and fails with the first precise Phase::config error: a bad
// profile, or a name/alias claimed twice. Then it detects each toolchain on the host: the
// version probe's program is looked up in the sandbox's PATH (/usr/local/bin:/usr/bin:/bin,
// the PATH steps run with — not the caller's, which may point at a pyenv shim the sandbox
// cannot see), run with a 10 s timeout, and its stdout+stderr searched with the regex;
// the first capture group is the version. A profile whose probe fails, whose regex does
// not match or whose `requires` files are missing is kept out of installed(): only
// installed toolchains are advertised. Lookups are by name or alias, case-insensitive.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "executor/profile.hpp"

namespace tc::exec {

inline constexpr const char* kSandboxPath = "/usr/local/bin:/usr/bin:/bin";

struct InstalledLanguage {
  LanguageProfile profile;
  std::string version;
};

class LanguageSet {
 public:
  [[nodiscard]] static Result<LanguageSet> load(const std::filesystem::path& dir);
  // From already parsed profiles (tests); detection as in load().
  [[nodiscard]] static Result<LanguageSet> from_profiles(std::vector<LanguageProfile> profiles);

  [[nodiscard]] const InstalledLanguage* find(std::string_view name_or_alias) const;
  [[nodiscard]] const std::vector<InstalledLanguage>& installed() const { return installed_; }
  // Profiles that were loaded but not detected, with the reason ("gcc: not found").
  [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& missing() const {
    return missing_;
  }

 private:
  std::vector<InstalledLanguage> installed_;  // sorted by name
  std::vector<std::pair<std::string, std::string>> missing_;
};

// Runs the probe of one profile: the version, or why it is not installed.
[[nodiscard]] Result<std::string> detect_version(const LanguageProfile& profile);

}  // namespace tc::exec
