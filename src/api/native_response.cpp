#include "api/native_response.hpp"

#include "runtime/outcome_json.hpp"

namespace tc::api {

using nlohmann::json;

json result_json(const exec::ExecutionResult& r) {
  json runs = json::array();
  for (const auto& o : r.runs) runs.push_back(to_json(o));
  return {{"language", r.language},
          {"version", r.version},
          {"status", to_string(r.status)},
          {"compile", r.compile ? to_json(*r.compile) : json(nullptr)},
          {"runs", std::move(runs)}};
}

json languages_json(const std::vector<exec::LanguageInfo>& languages) {
  json out = json::array();
  for (const auto& l : languages)
    out.push_back({{"name", l.name},
                   {"aliases", l.aliases},
                   {"version", l.version},
                   {"compiled", l.compiled},
                   {"source_file", l.source_file}});
  return {{"languages", std::move(out)}};
}

json error_json(std::string_view code, std::string_view message) {
  return {{"error", code}, {"message", message}};
}

}  // namespace tc::api
