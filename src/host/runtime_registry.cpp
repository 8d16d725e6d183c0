#include "host/runtime_registry.hpp"

#include <vector>

#include "host/linux_runtime.hpp"
#include "host/wasm_runtime.hpp"

namespace tc::host {

std::string_view to_string(PhaseKind p) noexcept {
  switch (p) {
    case PhaseKind::start: return "start";
    case PhaseKind::loop: return "loop";
    case PhaseKind::stop: return "stop";
  }
  return "?";
}

Result<void> RuntimeRegistry::add(std::unique_ptr<Runtime> runtime) {
  std::string id(runtime->type_id());
  if (!metadata::is_runtime_id_syntax(id)) return make_error(Phase::config, "runtime id '" + id + "' is not valid");
  if (runtimes_.contains(id)) return make_error(Phase::config, "runtime '" + id + "' registered twice");
  runtimes_.emplace(std::move(id), std::move(runtime));
  return {};
}

Runtime* RuntimeRegistry::find(std::string_view type_id) const noexcept {
  auto it = runtimes_.find(type_id);
  return it == runtimes_.end() ? nullptr : it->second.get();
}

metadata::RuntimeTypes RuntimeRegistry::types() const {
  std::vector<std::string> ids;
  for (const auto& [id, rt] : runtimes_) ids.push_back(id);
  return metadata::RuntimeTypes(std::move(ids));
}

RuntimeRegistry default_runtimes() {
  RuntimeRegistry r;
  (void)r.add(std::make_unique<WasmRuntime>());
  (void)r.add(std::make_unique<LinuxRuntime>());
  return r;
}

}  // namespace tc::host
