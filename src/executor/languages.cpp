#include "executor/languages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "executor/child_process.hpp"

namespace tc::exec {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

Result<void> check_unique(const std::vector<LanguageProfile>& profiles) {
  std::set<std::string> seen;
  for (const auto& p : profiles) {
    std::vector<std::string> names{p.name};
    names.insert(names.end(), p.aliases.begin(), p.aliases.end());
    for (const auto& n : names)
      if (!seen.insert(lower(n)).second)
        return make_error(Phase::config,
                          fmt::format("language profiles: '{}' is claimed twice (profile '{}')",
                                      n, p.name));
  }
  return {};
}

}  // namespace

Result<std::string> detect_version(const LanguageProfile& p) {
  for (const auto& f : p.requires_files)
    if (!fs::exists(f)) return make_error(Phase::config, f + ": not found");
  std::vector<std::string> argv = p.version.command;
  argv[0] = find_program(argv[0], kSandboxPath);
  if (argv[0].empty())
    return make_error(Phase::config,
                      fmt::format("{}: not found in {}", p.version.command[0], kSandboxPath));
  CaptureOptions opts;
  opts.env = {std::string("PATH=") + kSandboxPath, "LANG=C.UTF-8", "HOME=/"};
  opts.timeout = std::chrono::seconds(10);
  opts.max_bytes = 64 << 10;
  auto run = run_captured(argv, opts);
  if (!run) return std::unexpected(run.error());
  if (!run->exited_ok())
    return make_error(Phase::config, fmt::format("{} failed (status {})", argv[0],
                                                 run->wait_status));
  // Versions are printed first; a bounded text keeps std::regex's recursion bounded.
  const std::string text = (run->out + run->err).substr(0, 4096);
  std::smatch m;
  if (!std::regex_search(text, m, std::regex(p.version.regex)) || m.size() < 2 ||
      m[1].length() == 0)
    return make_error(Phase::config,
                      fmt::format("{}: version regex did not match its output", argv[0]));
  return m[1].str();
}

Result<LanguageSet> LanguageSet::from_profiles(std::vector<LanguageProfile> profiles) {
  if (auto r = check_unique(profiles); !r) return std::unexpected(r.error());
  LanguageSet set;
  for (auto& p : profiles) {
    auto version = detect_version(p);
    if (!version) {
      set.missing_.emplace_back(p.name, version.error().message);
      continue;
    }
    set.installed_.push_back({std::move(p), std::move(*version)});
  }
  std::sort(set.installed_.begin(), set.installed_.end(),
            [](const auto& a, const auto& b) { return a.profile.name < b.profile.name; });
  return set;
}

Result<LanguageSet> LanguageSet::load(const fs::path& dir) {
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".json" && it->is_regular_file(ec)) files.push_back(it->path());
  if (ec) return sys_error(Phase::config, "language profiles: read " + dir.string(), ec.value());
  std::sort(files.begin(), files.end());
  std::vector<LanguageProfile> profiles;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) return make_error(Phase::config, "cannot read " + f.string());
    auto p = parse_profile(text.str(), f.string());
    if (!p) return std::unexpected(p.error());
    profiles.push_back(std::move(*p));
  }
  if (profiles.empty())
    return make_error(Phase::config, "language profiles: no *.json in " + dir.string());
  return from_profiles(std::move(profiles));
}

const InstalledLanguage* LanguageSet::find(std::string_view name_or_alias) const {
  const std::string want = lower(name_or_alias);
  for (const auto& l : installed_) {
    if (l.profile.name == want) return &l;
    for (const auto& a : l.profile.aliases)
      if (lower(a) == want) return &l;
  }
  return nullptr;
}

}  // namespace tc::exec
