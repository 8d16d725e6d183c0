#include "metadata/runtime_registry.hpp"

#include <algorithm>

namespace tc::metadata {

RuntimeTypes::RuntimeTypes(std::vector<std::string> ids) : ids_(std::move(ids)) {
  std::sort(ids_.begin(), ids_.end());
  ids_.erase(std::unique(ids_.begin(), ids_.end()), ids_.end());
}

bool RuntimeTypes::contains(std::string_view id) const noexcept {
  return std::binary_search(ids_.begin(), ids_.end(), id,
                            [](std::string_view a, std::string_view b) { return a < b; });
}

std::string RuntimeTypes::joined() const {
  std::string out;
  for (const auto& id : ids_) {
    if (!out.empty()) out += '|';
    out += id;
  }
  return out;
}

RuntimeTypes default_runtime_types() {
  return RuntimeTypes({"wasm", "linux"});
}

bool is_runtime_id_syntax(std::string_view id) noexcept {
  if (id.empty() || id.size() > 32 || id[0] < 'a' || id[0] > 'z') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

}  // namespace tc::metadata
