#include "executor/result_json.hpp"

#include <nlohmann/json.hpp>

#include "runtime/outcome_json.hpp"

namespace tc::exec {

namespace {
template <class T>
nlohmann::json opt(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}
}  // namespace

nlohmann::json to_json(const ExecutionResult& r) {
  nlohmann::json runs = nlohmann::json::array();
  for (const auto& o : r.runs) runs.push_back(tc::to_json(o));
  return {{"language", r.language},
          {"version", r.version},
          {"status", tc::to_string(r.status)},
          {"compile", r.compile ? tc::to_json(*r.compile) : nlohmann::json(nullptr)},
          {"runs", std::move(runs)}};
}

nlohmann::json to_json(const StepLimits& l) {
  return {{"wall_seconds", opt(l.wall_seconds)}, {"cpu_seconds", opt(l.cpu_seconds)},
          {"memory_bytes", opt(l.memory_bytes)}, {"pids", opt(l.pids)},
          {"output_bytes", opt(l.output_bytes)}};
}

nlohmann::json to_json(const std::vector<LanguageInfo>& languages) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& l : languages)
    out.push_back({{"name", l.name},
                   {"aliases", l.aliases},
                   {"version", l.version},
                   {"compiled", l.compiled},
                   {"source_file", l.source_file},
                   {"compile_limits", l.compiled ? to_json(l.default_compile_limits)
                                                 : nlohmann::json(nullptr)},
                   {"run_limits", to_json(l.default_run_limits)}});
  return out;
}

}  // namespace tc::exec
