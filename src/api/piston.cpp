#include "api/piston.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>

#include "api/json_fields.hpp"

namespace tc::api {

namespace {

std::vector<std::string_view> split_dots(std::string_view s) {
  std::vector<std::string_view> out;
  while (true) {
    auto dot = s.find('.');
    out.push_back(s.substr(0, dot));
    if (dot == std::string_view::npos) return out;
    s.remove_prefix(dot + 1);
  }
}

const exec::LanguageInfo* find_language(const std::vector<exec::LanguageInfo>& languages,
                                        std::string_view name) {
  for (const auto& l : languages) {
    if (l.name == name) return &l;
    if (std::find(l.aliases.begin(), l.aliases.end(), name) != l.aliases.end()) return &l;
  }
  return nullptr;
}

Result<std::string> decode_content(const std::string& content, std::string_view encoding,
                                   std::string_view path) {
  if (encoding == "utf8" || encoding == "utf-8") return content;
  std::string out(content.size(), '\0');
  std::size_t len = 0;
  int rc = -1;
  if (encoding == "base64") {
    rc = sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(),
                           content.data(), content.size(), " \r\n", &len, nullptr,
                           sodium_base64_VARIANT_ORIGINAL);
  } else if (encoding == "hex") {
    rc = sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), content.data(),
                        content.size(), nullptr, &len, nullptr);
  } else {
    return make_error(Phase::usage, fmt::format("{}.encoding: must be one of base64, hex, utf8",
                                                path));
  }
  if (rc != 0)
    return make_error(Phase::usage, fmt::format("{}.content: invalid {} data", path, encoding));
  out.resize(len);
  return out;
}

Result<std::vector<exec::SourceFile>> parse_files(const json& body,
                                                  const exec::LanguageInfo& language,
                                                  const ServerLimits& limits) {
  auto it = body.find("files");
  if (it == body.end() || !it->is_array()) return make_error(Phase::usage, "files is required as an array");
  if (it->empty()) return make_error(Phase::usage, "files must contain at least one file");
  if (it->size() > limits.max_files)
    return make_error(Phase::usage, fmt::format("files: at most {} files allowed", limits.max_files));
  std::vector<exec::SourceFile> files;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const std::string path = index_path("files", i);
    const json& f = (*it)[i];
    if (auto r = require_object(f, path); !r) return std::unexpected(r.error());
    auto name = opt_string(f, "name", path);
    if (!name) return std::unexpected(name.error());
    auto content = req_string(f, "content", path);
    if (!content) return std::unexpected(content.error());
    auto encoding = opt_string(f, "encoding", path);
    if (!encoding) return std::unexpected(encoding.error());
    auto data = decode_content(*content, encoding->value_or("utf8"), path);
    if (!data) return std::unexpected(data.error());
    std::string file_name = name->value_or("");
    if (file_name.empty())
      file_name = i == 0 ? language.source_file : fmt::format("file{}.code", i);
    files.push_back({std::move(file_name), std::move(*data)});
  }
  return files;
}

// Piston's limits: milliseconds and bytes; -1 (or absent) = the server maximum.
Result<std::optional<double>> millis(const json& body, std::string_view key) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (!it->is_number()) return make_error(Phase::usage, fmt::format("{} must be a number", key));
  double v = it->get<double>();
  if (v == -1) return std::nullopt;
  if (!(v >= 0) || v > 1e12) return make_error(Phase::usage, fmt::format("{} must be a number >= 0 or -1", key));
  return v / 1000.0;
}

Result<std::optional<std::uint64_t>> bytes(const json& body, std::string_view key) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (it->is_number_integer() && it->get<std::int64_t>() == -1) return std::nullopt;
  if (!it->is_number_unsigned())
    return make_error(Phase::usage, fmt::format("{} must be a non-negative integer or -1", key));
  return it->get<std::uint64_t>();
}

Result<exec::StepLimits> step_limits(const json& body, std::string_view prefix) {
  exec::StepLimits out;
  auto wall = millis(body, fmt::format("{}_timeout", prefix));
  if (!wall) return std::unexpected(wall.error());
  auto cpu = millis(body, fmt::format("{}_cpu_time", prefix));
  if (!cpu) return std::unexpected(cpu.error());
  auto mem = bytes(body, fmt::format("{}_memory_limit", prefix));
  if (!mem) return std::unexpected(mem.error());
  out.wall_seconds = *wall;
  out.cpu_seconds = *cpu;
  out.memory_bytes = *mem;
  return out;
}

}  // namespace

bool version_matches(std::string_view selector, std::string_view version) {
  while (!selector.empty() && (selector.front() == '^' || selector.front() == '~' ||
                               selector.front() == '=' || selector.front() == 'v'))
    selector.remove_prefix(1);
  if (selector.empty() || selector == "*" || selector == "x" || selector == "X") return true;
  auto want = split_dots(selector);
  auto have = split_dots(version);
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (want[i] == "x" || want[i] == "X" || want[i] == "*") continue;
    if (i >= have.size() || want[i] != have[i]) return false;
  }
  return true;
}

Result<exec::ExecutionRequest> parse_piston_request(std::string_view body_text,
                                                    const std::vector<exec::LanguageInfo>& languages,
                                                    const ServerLimits& limits) {
  auto body = parse_body(body_text);
  if (!body) return std::unexpected(body.error());
  if (auto r = require_object(*body, ""); !r) return std::unexpected(r.error());
  auto language = opt_string(*body, "language", "");
  if (!language) return std::unexpected(language.error());
  if (!*language) return make_error(Phase::usage, "language is required as a string");
  auto version = opt_string(*body, "version", "");
  if (!version) return std::unexpected(version.error());
  if (!*version) return make_error(Phase::usage, "version is required as a string");
  const exec::LanguageInfo* info = find_language(languages, **language);
  if (info == nullptr || !version_matches(**version, info->version))
    return make_error(Phase::usage, fmt::format("{}-{} runtime is unknown", **language, **version));

  exec::ExecutionRequest req;
  req.language = info->name;
  auto files = parse_files(*body, *info, limits);
  if (!files) return std::unexpected(files.error());
  req.files = std::move(*files);
  auto stdin_value = opt_string(*body, "stdin", "");
  if (!stdin_value) return std::unexpected(stdin_value.error());
  req.cases.push_back({stdin_value->value_or("")});
  auto args = opt_string_array(*body, "args", "", limits.max_args);
  if (!args) return std::unexpected(args.error());
  req.args = std::move(*args);
  auto compile = step_limits(*body, "compile");
  if (!compile) return std::unexpected(compile.error());
  auto run = step_limits(*body, "run");
  if (!run) return std::unexpected(run.error());
  req.compile_limits = *compile;
  req.run_limits = *run;
  return req;
}

namespace {

json status_code(const Outcome& o) {
  switch (o.status) {
    case Status::ok: return nullptr;
    case Status::runtime_error:
    case Status::compile_error: return "RE";
    case Status::signaled:
    case Status::memory_limit:
    case Status::security_violation: return "SG";
    case Status::time_limit: return "TO";
    case Status::output_limit: return o.stderr_stream.truncated && !o.stdout_stream.truncated ? "EL" : "OL";
    default: return "XX";
  }
}

// Piston reports a limit kill as signal SIGKILL with code null; our outcome records the
// limit instead of the signal when the sandbox killed the workload for it.
std::optional<int> piston_signal(const Outcome& o) {
  if (o.signal) return o.signal;
  const bool killed = o.status == Status::time_limit || o.status == Status::memory_limit ||
                      o.status == Status::output_limit;
  if (killed && !o.exit_code) return 9;
  return std::nullopt;
}

json stage(const Outcome& o) {
  json j;
  const std::optional<int> sig = piston_signal(o);
  j["stdout"] = o.stdout_stream.data;
  j["stderr"] = o.stderr_stream.data;
  j["output"] = o.stdout_stream.data + o.stderr_stream.data;
  j["code"] = sig ? json(nullptr) : o.exit_code ? json(*o.exit_code) : json(nullptr);
  j["signal"] = sig ? json(signal_name(*sig)) : json(nullptr);
  j["status"] = status_code(o);
  j["message"] = o.status == Status::ok ? json(nullptr)
                                        : json(fmt::format("{}{}{}", to_string(o.status),
                                                           o.reason.empty() ? "" : ": ", o.reason));
  j["wall_time"] = static_cast<std::int64_t>(o.usage.wall_seconds * 1000.0);
  j["cpu_time"] = static_cast<std::int64_t>((o.usage.user_seconds + o.usage.sys_seconds) * 1000.0);
  j["memory"] = o.usage.peak_memory_bytes ? json(*o.usage.peak_memory_bytes) : json(nullptr);
  return j;
}

}  // namespace

json piston_response(const exec::ExecutionResult& result) {
  json j;
  j["language"] = result.language;
  j["version"] = result.version;
  if (result.compile) j["compile"] = stage(*result.compile);
  if (!result.runs.empty()) j["run"] = stage(result.runs.front());
  return j;
}

json piston_runtimes(const std::vector<exec::LanguageInfo>& languages) {
  json out = json::array();
  for (const auto& l : languages)
    out.push_back({{"language", l.name}, {"version", l.version}, {"aliases", l.aliases}});
  return out;
}

}  // namespace tc::api
