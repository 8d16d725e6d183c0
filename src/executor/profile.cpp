#include "executor/profile.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "common/units.hpp"
#include "executor/names.hpp"

namespace tc::exec {

namespace {

using nlohmann::json;

// Parsing context: the document's name and the JSON path of the value at hand.
struct At {
  std::string_view source;
  std::string path;
  [[nodiscard]] At operator/(std::string_view key) const {
    return {source, path.empty() ? std::string(key) : path + "." + std::string(key)};
  }
  [[nodiscard]] At operator[](std::size_t i) const {
    return {source, fmt::format("{}[{}]", path, i)};
  }
  [[nodiscard]] std::unexpected<Error> fail(std::string_view what) const {
    return make_error(Phase::config,
                      fmt::format("{}: {}: {}", source, path.empty() ? "(top)" : path, what));
  }
};

std::string_view type_name(const json& j) { return j.type_name(); }

Result<void> only_fields(const json& j, const At& at, std::initializer_list<std::string_view> keys,
                         std::initializer_list<std::string_view> required) {
  if (!j.is_object()) return at.fail(fmt::format("want an object, got {}", type_name(j)));
  for (const auto& [key, value] : j.items())
    if (std::find(keys.begin(), keys.end(), key) == keys.end())
      return (at / key).fail(fmt::format("unknown field (allowed: {})", fmt::join(keys, ", ")));
  for (auto key : required)
    if (!j.contains(key)) return (at / key).fail("missing required field");
  return {};
}

Result<std::string> get_string(const json& j, const At& at) {
  if (!j.is_string()) return at.fail(fmt::format("want a string, got {}", type_name(j)));
  return j.get<std::string>();
}

Result<std::vector<std::string>> get_strings(const json& j, const At& at) {
  if (!j.is_array()) return at.fail(fmt::format("want an array of strings, got {}", type_name(j)));
  std::vector<std::string> out;
  for (std::size_t i = 0; i < j.size(); ++i) {
    auto s = get_string(j[i], at[i]);
    if (!s) return std::unexpected(s.error());
    out.push_back(std::move(*s));
  }
  return out;
}

constexpr std::array kPlaceholders{"{entry}", "{sources}", "{args}"};

Result<std::vector<std::string>> get_command(const json& j, const At& at, bool allow_args) {
  auto cmd = get_strings(j, at);
  if (!cmd) return cmd;
  if (cmd->empty()) return at.fail("the command is empty");
  for (std::size_t i = 0; i < cmd->size(); ++i) {
    const std::string& arg = (*cmd)[i];
    if (arg.find('\0') != std::string::npos) return at[i].fail("contains a NUL byte");
    const bool braces = arg.find('{') != std::string::npos || arg.find('}') != std::string::npos;
    if (!braces) continue;
    if (std::find(kPlaceholders.begin(), kPlaceholders.end(), arg) == kPlaceholders.end())
      return at[i].fail(fmt::format(
          "'{}': placeholders must be a whole element, one of {{entry}}, {{sources}}, {{args}}",
          arg));
    if (arg == "{args}" && !allow_args) return at[i].fail("{args} is only allowed in run.command");
    if (i == 0) return at[i].fail("the program (element 0) cannot be a placeholder");
  }
  return cmd;
}

template <class T>
Result<T> in_range(T v, T lo, T hi, const At& at, std::string_view text) {
  if (v < lo || v > hi) return at.fail(fmt::format("'{}' is out of range", text));
  return v;
}

Result<double> get_seconds(const json& j, const At& at) {
  auto text = get_string(j, at);
  if (!text) return std::unexpected(text.error());
  auto d = parse_duration(*text);
  if (!d) return at.fail(d.error().message);
  const double s = std::chrono::duration<double>(*d).count();
  return in_range(s, 0.001, 3600.0, at, *text);
}

Result<std::uint64_t> get_bytes(const json& j, const At& at, std::uint64_t lo, std::uint64_t hi) {
  auto text = get_string(j, at);
  if (!text) return std::unexpected(text.error());
  auto b = parse_size(*text);
  if (!b) return at.fail(b.error().message);
  return in_range(*b, lo, hi, at, *text);
}

Result<StepLimits> get_limits(const json& j, const At& at) {
  StepLimits l{.wall_seconds = 10, .cpu_seconds = 10, .memory_bytes = 256ull << 20,
               .pids = 64, .output_bytes = 64ull << 10};
  if (j.is_null()) return l;
  if (auto r = only_fields(j, at, {"wall_time", "cpu_time", "memory", "pids", "output"}, {}); !r)
    return std::unexpected(r.error());
  if (j.contains("wall_time")) {
    auto v = get_seconds(j["wall_time"], at / "wall_time");
    if (!v) return std::unexpected(v.error());
    l.wall_seconds = *v;
  }
  if (j.contains("cpu_time")) {
    auto v = get_seconds(j["cpu_time"], at / "cpu_time");
    if (!v) return std::unexpected(v.error());
    l.cpu_seconds = *v;
  }
  if (j.contains("memory")) {
    auto v = get_bytes(j["memory"], at / "memory", kMinMemory, kMaxMemory);
    if (!v) return std::unexpected(v.error());
    l.memory_bytes = *v;
  }
  if (j.contains("output")) {
    auto v = get_bytes(j["output"], at / "output", 1, kMaxOutput);
    if (!v) return std::unexpected(v.error());
    l.output_bytes = *v;
  }
  if (j.contains("pids")) {
    const json& p = j["pids"];
    if (!p.is_number_unsigned())
      return (at / "pids").fail(fmt::format("want a positive integer, got {}", type_name(p)));
    auto v = in_range<std::uint64_t>(p.get<std::uint64_t>(), 1, kMaxPids, at / "pids", p.dump());
    if (!v) return std::unexpected(v.error());
    l.pids = *v;
  }
  return l;
}

Result<StepProfile> get_step(const json& j, const At& at, bool is_run) {
  if (auto r = is_run ? only_fields(j, at, {"command", "limits", "runtime"}, {"command"})
                      : only_fields(j, at, {"command", "limits"}, {"command"});
      !r)
    return std::unexpected(r.error());
  StepProfile step;
  auto cmd = get_command(j["command"], at / "command", is_run);
  if (!cmd) return std::unexpected(cmd.error());
  step.command = std::move(*cmd);
  auto limits = get_limits(j.contains("limits") ? j["limits"] : json(), at / "limits");
  if (!limits) return std::unexpected(limits.error());
  step.limits = *limits;
  if (j.contains("runtime")) {
    auto rt = get_string(j["runtime"], at / "runtime");
    if (!rt) return std::unexpected(rt.error());
    if (*rt == "wasm") step.runtime = StepRuntime::wasm;
    else if (*rt != "linux")
      return (at / "runtime").fail(fmt::format("'{}': want \"linux\" or \"wasm\"", *rt));
  }
  return step;
}

// std::regex compiles and matches recursively: keep patterns small and shallow so a
// hostile profile cannot exhaust the stack (found by reasoning, guarded by the fuzz corpus).
std::expected<void, std::string> check_regex_size(std::string_view re) {
  if (re.size() > 256) return std::unexpected("longer than 256 characters");
  int depth = 0;
  for (char c : re) {
    if (c == '(' && ++depth > 8) return std::unexpected("groups nested deeper than 8");
    if (c == ')') --depth;
    if (c == '{') return std::unexpected("counted repetition {n} is not supported");
  }
  return {};
}

Result<VersionProbe> get_version(const json& j, const At& at) {
  if (auto r = only_fields(j, at, {"command", "regex"}, {"command", "regex"}); !r)
    return std::unexpected(r.error());
  VersionProbe v;
  auto cmd = get_command(j["command"], at / "command", false);
  if (!cmd) return std::unexpected(cmd.error());
  if (std::any_of(cmd->begin(), cmd->end(), [](const auto& a) { return a.starts_with("{"); }))
    return (at / "command").fail("placeholders are not allowed in the version command");
  v.command = std::move(*cmd);
  auto re = get_string(j["regex"], at / "regex");
  if (!re) return std::unexpected(re.error());
  if (auto simple = check_regex_size(*re); !simple) return (at / "regex").fail(simple.error());
  try {
    std::regex compiled(*re);
    if (compiled.mark_count() < 1) return (at / "regex").fail("needs a capture group (the version)");
  } catch (const std::regex_error& e) {
    return (at / "regex").fail(fmt::format("invalid regular expression: {}", e.what()));
  }
  v.regex = std::move(*re);
  return v;
}

Result<std::vector<std::string>> get_names(const json& j, const At& at) {
  auto names = get_strings(j, at);
  if (!names) return names;
  for (std::size_t i = 0; i < names->size(); ++i)
    if (!valid_language_name((*names)[i]))
      return at[i].fail(fmt::format("'{}': want 1-32 characters of [a-z0-9+._-]", (*names)[i]));
  return names;
}

Result<void> fill_lists(const json& j, const At& at, LanguageProfile& p) {
  if (j.contains("aliases")) {
    auto a = get_names(j["aliases"], at / "aliases");
    if (!a) return std::unexpected(a.error());
    p.aliases = std::move(*a);
  }
  if (j.contains("source_extensions")) {
    auto e = get_strings(j["source_extensions"], at / "source_extensions");
    if (!e) return std::unexpected(e.error());
    p.source_extensions = std::move(*e);
  }
  if (j.contains("allow_syscalls")) {
    auto s = get_strings(j["allow_syscalls"], at / "allow_syscalls");
    if (!s) return std::unexpected(s.error());
    for (std::size_t i = 0; i < s->size(); ++i)
      if (!valid_syscall_name((*s)[i]))
        return (at / "allow_syscalls")[i].fail(fmt::format("'{}' is not a syscall name", (*s)[i]));
    p.allow_syscalls = std::move(*s);
  }
  if (j.contains("env")) {
    auto e = get_strings(j["env"], at / "env");
    if (!e) return std::unexpected(e.error());
    for (std::size_t i = 0; i < e->size(); ++i)
      if (!valid_env_entry((*e)[i]))
        return (at / "env")[i].fail(fmt::format("'{}': want NAME=VALUE", (*e)[i]));
    p.env = std::move(*e);
  }
  if (j.contains("requires")) {
    auto r = get_strings(j["requires"], at / "requires");
    if (!r) return std::unexpected(r.error());
    for (std::size_t i = 0; i < r->size(); ++i)
      if ((*r)[i].empty() || (*r)[i].front() != '/')
        return (at / "requires")[i].fail(fmt::format("'{}': want an absolute path", (*r)[i]));
    p.requires_files = std::move(*r);
  }
  return {};
}

Result<LanguageProfile> get_profile(const json& j, const At& at) {
  if (auto r = only_fields(j, at,
                           {"name", "aliases", "version", "source_file", "source_extensions",
                            "compile", "run", "allow_syscalls", "env", "requires"},
                           {"name", "version", "source_file", "run"});
      !r)
    return std::unexpected(r.error());
  LanguageProfile p;
  auto name = get_string(j["name"], at / "name");
  if (!name) return std::unexpected(name.error());
  if (!valid_language_name(*name))
    return (at / "name").fail(fmt::format("'{}': want 1-32 characters of [a-z0-9+._-]", *name));
  p.name = std::move(*name);
  auto version = get_version(j["version"], at / "version");
  if (!version) return std::unexpected(version.error());
  p.version = std::move(*version);
  auto source = get_string(j["source_file"], at / "source_file");
  if (!source) return std::unexpected(source.error());
  if (auto ok = check_file_name(*source); !ok) return (at / "source_file").fail(ok.error().message);
  p.source_file = std::move(*source);
  if (auto r = fill_lists(j, at, p); !r) return std::unexpected(r.error());
  if (j.contains("compile")) {
    auto c = get_step(j["compile"], at / "compile", false);
    if (!c) return std::unexpected(c.error());
    p.compile = std::move(*c);
  }
  auto run = get_step(j["run"], at / "run", true);
  if (!run) return std::unexpected(run.error());
  p.run = std::move(*run);
  return p;
}

bool is_source(const LanguageProfile& p, const std::string& name) {
  if (p.source_extensions.empty()) return true;
  return std::any_of(p.source_extensions.begin(), p.source_extensions.end(),
                     [&](const std::string& ext) { return name.ends_with(ext); });
}

}  // namespace

Result<LanguageProfile> parse_profile(std::string_view json_text, std::string_view source) {
  json doc = json::parse(json_text, nullptr, false);
  if (doc.is_discarded())
    return make_error(Phase::config, fmt::format("{}: not valid JSON", source));
  return get_profile(doc, At{source, ""});
}

std::vector<std::string> expand_command(const std::vector<std::string>& command,
                                        const LanguageProfile& profile,
                                        const std::vector<SourceFile>& files,
                                        const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (const auto& arg : command) {
    if (arg == "{entry}") {
      out.push_back(files.empty() ? profile.source_file : files.front().name);
    } else if (arg == "{sources}") {
      for (const auto& f : files)
        if (is_source(profile, f.name)) out.push_back(f.name);
    } else if (arg == "{args}") {
      out.insert(out.end(), args.begin(), args.end());
    } else {
      out.push_back(arg);
    }
  }
  return out;
}

}  // namespace tc::exec
