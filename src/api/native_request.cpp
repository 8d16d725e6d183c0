#include "api/native_request.hpp"

#include <fmt/format.h>

#include "api/json_fields.hpp"

namespace tc::api {

namespace {

Result<exec::StepLimits> parse_step_limits(const json& body, std::string_view key) {
  exec::StepLimits out;
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return out;
  const std::string path(key);
  if (auto r = require_object(*it, path, {"wall_seconds", "cpu_seconds", "memory_bytes", "pids",
                                          "output_bytes"});
      !r)
    return std::unexpected(r.error());
  auto wall = opt_seconds(*it, "wall_seconds", path);
  if (!wall) return std::unexpected(wall.error());
  auto cpu = opt_seconds(*it, "cpu_seconds", path);
  if (!cpu) return std::unexpected(cpu.error());
  auto mem = opt_uint(*it, "memory_bytes", path, true);
  if (!mem) return std::unexpected(mem.error());
  auto pids = opt_uint(*it, "pids", path, false);
  if (!pids) return std::unexpected(pids.error());
  auto output = opt_uint(*it, "output_bytes", path, true);
  if (!output) return std::unexpected(output.error());
  out.wall_seconds = *wall;
  out.cpu_seconds = *cpu;
  out.memory_bytes = *mem;
  out.pids = *pids;
  out.output_bytes = *output;
  return out;
}

Result<std::vector<exec::SourceFile>> parse_files(const json& body, const ServerLimits& limits) {
  auto it = body.find("files");
  if (it == body.end() || it->is_null())
    return field_error("files", "required field is missing");
  if (!it->is_array())
    return field_error("files", fmt::format("expected an array of files, got {}", type_name(*it)));
  if (it->empty()) return field_error("files", "at least one file is required");
  if (it->size() > limits.max_files)
    return field_error("files", fmt::format("at most {} files allowed, got {}", limits.max_files,
                                            it->size()));
  std::vector<exec::SourceFile> files;
  for (std::size_t i = 0; i < it->size(); ++i) {
    const std::string path = index_path("files", i);
    const json& f = (*it)[i];
    if (auto r = require_object(f, path, {"name", "content"}); !r)
      return std::unexpected(r.error());
    auto name = opt_string(f, "name", path);
    if (!name) return std::unexpected(name.error());
    auto content = req_string(f, "content", path);
    if (!content) return std::unexpected(content.error());
    files.push_back({name->value_or(""), std::move(*content)});
  }
  return files;
}

Result<std::vector<exec::TestCase>> parse_cases(const json& body, const ServerLimits& limits) {
  std::vector<exec::TestCase> cases;
  auto stdin_value = opt_string(body, "stdin", "");
  if (!stdin_value) return std::unexpected(stdin_value.error());
  auto it = body.find("cases");
  if (it == body.end() || it->is_null()) {
    cases.push_back({stdin_value->value_or("")});
    return cases;
  }
  if (*stdin_value) return field_error("cases", "give either stdin or cases, not both");
  if (!it->is_array())
    return field_error("cases", fmt::format("expected an array, got {}", type_name(*it)));
  if (it->empty()) return field_error("cases", "at least one case is required when present");
  if (it->size() > limits.max_cases)
    return field_error("cases", fmt::format("at most {} cases allowed, got {}", limits.max_cases,
                                            it->size()));
  for (std::size_t i = 0; i < it->size(); ++i) {
    const std::string path = index_path("cases", i);
    if (auto r = require_object((*it)[i], path, {"stdin"}); !r) return std::unexpected(r.error());
    auto s = opt_string((*it)[i], "stdin", path);
    if (!s) return std::unexpected(s.error());
    cases.push_back({s->value_or("")});
  }
  return cases;
}

}  // namespace

Result<NativeRequest> parse_native_request(std::string_view body_text, const ServerLimits& limits) {
  auto body = parse_body(body_text);
  if (!body) return std::unexpected(body.error());
  if (auto r = require_object(*body, "", {"language", "version", "files", "stdin", "cases", "args",
                                          "compile_limits", "run_limits", "async"});
      !r)
    return std::unexpected(r.error());
  NativeRequest out;
  auto language = req_string(*body, "language", "");
  if (!language) return std::unexpected(language.error());
  if (language->empty()) return field_error("language", "must not be empty");
  auto version = opt_string(*body, "version", "");
  if (!version) return std::unexpected(version.error());
  auto files = parse_files(*body, limits);
  if (!files) return std::unexpected(files.error());
  auto cases = parse_cases(*body, limits);
  if (!cases) return std::unexpected(cases.error());
  auto args = opt_string_array(*body, "args", "", limits.max_args);
  if (!args) return std::unexpected(args.error());
  auto compile = parse_step_limits(*body, "compile_limits");
  if (!compile) return std::unexpected(compile.error());
  auto run = parse_step_limits(*body, "run_limits");
  if (!run) return std::unexpected(run.error());
  auto async = opt_bool(*body, "async", "");
  if (!async) return std::unexpected(async.error());

  out.execution.language = std::move(*language);
  out.execution.version = version->value_or("");
  out.execution.files = std::move(*files);
  out.execution.cases = std::move(*cases);
  out.execution.args = std::move(*args);
  out.execution.compile_limits = *compile;
  out.execution.run_limits = *run;
  out.async = async->value_or(false);
  return out;
}

}  // namespace tc::api
