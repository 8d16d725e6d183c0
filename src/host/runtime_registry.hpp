// tinycontainer host — the registry of runtimes, keyed by runtime type id ("wasm",
// "linux", ...). The only place where a runtime type id selects code.
//
// Contract: add() refuses a duplicate id (Phase::config); find() returns nullptr for an
// unknown id; types() is the metadata::RuntimeTypes set that metadata validation uses, so
// a document naming an unregistered runtime is refused at load with the known list.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "common/error.hpp"
#include "host/runtime.hpp"
#include "metadata/runtime_registry.hpp"

namespace tc::host {

class RuntimeRegistry {
 public:
  Result<void> add(std::unique_ptr<Runtime> runtime);
  [[nodiscard]] Runtime* find(std::string_view type_id) const noexcept;
  [[nodiscard]] metadata::RuntimeTypes types() const;

 private:
  std::map<std::string, std::unique_ptr<Runtime>, std::less<>> runtimes_;
};

// The host's default set: WasmRuntime and LinuxRuntime.
[[nodiscard]] RuntimeRegistry default_runtimes();

}  // namespace tc::host
