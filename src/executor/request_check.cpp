#include "executor/request_check.hpp"

#include <fmt/format.h>

#include <set>

#include "common/units.hpp"
#include "executor/names.hpp"

namespace tc::exec {

namespace {

std::unexpected<Error> usage(std::string what) { return make_error(Phase::usage, std::move(what)); }

Result<const InstalledLanguage*> check_language(const ExecutionRequest& r, const LanguageSet& set) {
  std::vector<std::string> names;
  for (const auto& l : set.installed()) names.push_back(l.profile.name);
  if (r.language.empty())
    return usage(fmt::format("language: missing (installed: {})", fmt::join(names, ", ")));
  const InstalledLanguage* lang = set.find(r.language);
  if (lang == nullptr)
    return usage(fmt::format("language: unknown or not installed language '{}' (installed: {})",
                             r.language, fmt::join(names, ", ")));
  if (!version_matches(r.version, lang->version))
    return usage(fmt::format("version: {} {} is not installed (installed: {})",
                             lang->profile.name, r.version, lang->version));
  return lang;
}

Result<void> check_files(const ExecutionRequest& r) {
  if (r.files.empty()) return usage("files: at least one file is required");
  if (r.files.size() > kMaxFiles)
    return usage(fmt::format("files: {} files, at most {} allowed", r.files.size(), kMaxFiles));
  std::uint64_t total = 0;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < r.files.size(); ++i) {
    const auto& f = r.files[i];
    if (auto ok = check_file_name(f.name); !ok)
      return usage(fmt::format("files[{}].name: {}", i, ok.error().message));
    if (f.content.size() > kMaxFileBytes)
      return usage(fmt::format("files[{}].content: {} is larger than {}", i,
                               format_size(f.content.size()), format_size(kMaxFileBytes)));
    total += f.content.size();
    // "a" and "a/b" cannot both exist; neither can the same name twice.
    for (const auto& other : seen)
      if (other == f.name || f.name.starts_with(other + "/") || other.starts_with(f.name + "/"))
        return usage(fmt::format("files[{}].name: '{}' collides with '{}'", i, f.name, other));
    seen.insert(f.name);
  }
  if (total > kMaxTotalBytes)
    return usage(fmt::format("files: {} in total, at most {}", format_size(total),
                             format_size(kMaxTotalBytes)));
  return {};
}

Result<void> check_io(const ExecutionRequest& r) {
  if (r.cases.size() > kMaxCases)
    return usage(fmt::format("cases: {} test cases, at most {}", r.cases.size(), kMaxCases));
  for (std::size_t i = 0; i < r.cases.size(); ++i)
    if (r.cases[i].stdin_data.size() > kMaxStdinBytes)
      return usage(fmt::format("cases[{}].stdin: larger than {}", i, format_size(kMaxStdinBytes)));
  if (r.args.size() > kMaxArgs)
    return usage(fmt::format("args: {} arguments, at most {}", r.args.size(), kMaxArgs));
  for (std::size_t i = 0; i < r.args.size(); ++i) {
    if (r.args[i].size() > kMaxArgBytes)
      return usage(fmt::format("args[{}]: longer than {} bytes", i, kMaxArgBytes));
    if (r.args[i].find('\0') != std::string::npos)
      return usage(fmt::format("args[{}]: contains a NUL byte", i));
  }
  return {};
}

template <class T>
Result<T> pick(const std::optional<T>& want, const std::optional<T>& fallback, T lo, T hi,
               std::string_view field, auto show) {
  const T v = want ? *want : *fallback;
  if (!(v >= lo && v <= hi))
    return usage(fmt::format("{}: {} is out of range [{}, {}]", field, show(v), show(lo), show(hi)));
  return v;
}

Result<StepLimits> resolve(const StepLimits& want, const StepLimits& def, std::string_view step) {
  auto secs = [](double s) { return fmt::format("{:g} s", s); };
  auto bytes = [](std::uint64_t b) { return format_size(b); };
  auto count = [](std::uint64_t n) { return std::to_string(n); };
  auto wall = pick(want.wall_seconds, def.wall_seconds, 0.001, kMaxSeconds,
                   fmt::format("{}.wall_seconds", step), secs);
  if (!wall) return std::unexpected(wall.error());
  auto cpu = pick(want.cpu_seconds, def.cpu_seconds, 0.001, kMaxSeconds,
                  fmt::format("{}.cpu_seconds", step), secs);
  if (!cpu) return std::unexpected(cpu.error());
  auto mem = pick(want.memory_bytes, def.memory_bytes, kMinMemory, kMaxMemory,
                  fmt::format("{}.memory_bytes", step), bytes);
  if (!mem) return std::unexpected(mem.error());
  auto pids = pick(want.pids, def.pids, std::uint64_t{1}, kMaxPids, fmt::format("{}.pids", step),
                   count);
  if (!pids) return std::unexpected(pids.error());
  auto out_bytes = pick(want.output_bytes, def.output_bytes, std::uint64_t{1}, kMaxOutput,
                        fmt::format("{}.output_bytes", step), bytes);
  if (!out_bytes) return std::unexpected(out_bytes.error());
  return StepLimits{*wall, *cpu, *mem, *pids, *out_bytes};
}

}  // namespace

bool version_matches(std::string_view want, std::string_view installed) noexcept {
  if (want.empty() || want == "*" || want == installed) return true;
  return installed.starts_with(want) && installed.size() > want.size() &&
         installed[want.size()] == '.';
}

Result<CheckedRequest> check_request(const ExecutionRequest& r, const LanguageSet& set) {
  auto lang = check_language(r, set);
  if (!lang) return std::unexpected(lang.error());
  if (auto ok = check_files(r); !ok) return std::unexpected(ok.error());
  if (auto ok = check_io(r); !ok) return std::unexpected(ok.error());
  CheckedRequest c;
  c.language = *lang;
  const LanguageProfile& p = c.language->profile;
  if (p.compile) {
    auto cl = resolve(r.compile_limits, p.compile->limits, "compile_limits");
    if (!cl) return std::unexpected(cl.error());
    c.compile_limits = *cl;
  }
  auto rl = resolve(r.run_limits, p.run.limits, "run_limits");
  if (!rl) return std::unexpected(rl.error());
  c.run_limits = *rl;
  return c;
}

}  // namespace tc::exec
