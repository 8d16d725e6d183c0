// tinycontainer — the set of runtime type ids a host accepts ("wasm", "linux", ...).
//
// Contract: a runtime type in metadata is a registry-friendly string id
// ([a-z][a-z0-9_-]{0,31}); whether it is *known* is decided by looking it up in the
// RuntimeTypes set the caller passes in (the host builds it from its runtime registry),
// never by an if-chain on names. default_runtime_types() is {"linux", "wasm"}.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tc::metadata {

class RuntimeTypes {
 public:
  RuntimeTypes() = default;
  explicit RuntimeTypes(std::vector<std::string> ids);

  [[nodiscard]] bool contains(std::string_view id) const noexcept;
  // "linux|wasm" — for error messages.
  [[nodiscard]] std::string joined() const;

 private:
  std::vector<std::string> ids_;  // sorted, unique
};

[[nodiscard]] RuntimeTypes default_runtime_types();

// True when `id` has the syntax of a runtime type id (not whether it is known).
[[nodiscard]] bool is_runtime_id_syntax(std::string_view id) noexcept;

}  // namespace tc::metadata
