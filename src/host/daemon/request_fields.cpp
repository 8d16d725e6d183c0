#include "host/daemon/request_fields.hpp"

#include <algorithm>

#include "host/daemon/base64.hpp"

namespace tc::hostd {
namespace {

std::string quoted(std::string_view key) { return "field '" + std::string(key) + "'"; }

const nlohmann::json* find(const nlohmann::json& r, std::string_view key) {
  auto it = r.find(std::string(key));
  return it == r.end() ? nullptr : &*it;
}

}  // namespace

Result<void> check_fields(const nlohmann::json& r, std::initializer_list<std::string_view> allowed) {
  for (const auto& [key, value] : r.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      return make_error(Phase::usage, "unknown field '" + key + "'");
  }
  return {};
}

Result<std::string> get_string(const nlohmann::json& r, std::string_view key) {
  const auto* v = find(r, key);
  if (!v) return make_error(Phase::usage, "missing " + quoted(key));
  if (!v->is_string()) return make_error(Phase::usage, quoted(key) + " must be a string");
  return v->get<std::string>();
}

Result<std::vector<std::uint8_t>> get_bytes(const nlohmann::json& r, std::string_view key,
                                            bool required) {
  const auto* v = find(r, key);
  if (!v) {
    if (required) return make_error(Phase::usage, "missing " + quoted(key));
    return std::vector<std::uint8_t>{};
  }
  if (!v->is_string())
    return make_error(Phase::usage, quoted(key) + " must be a base64 string");
  return decode_base64(v->get_ref<const std::string&>(), quoted(key));
}

Result<bool> get_bool(const nlohmann::json& r, std::string_view key) {
  const auto* v = find(r, key);
  if (!v) return false;
  if (!v->is_boolean()) return make_error(Phase::usage, quoted(key) + " must be true or false");
  return v->get<bool>();
}

Result<std::optional<std::uint64_t>> get_uint(const nlohmann::json& r, std::string_view key) {
  const auto* v = find(r, key);
  if (!v) return std::optional<std::uint64_t>{};
  if (!v->is_number_integer() || v->get<std::int64_t>() < 0)
    return make_error(Phase::usage, quoted(key) + " must be a non-negative integer");
  return std::optional<std::uint64_t>{v->is_number_unsigned() ? v->get<std::uint64_t>()
                                                               : static_cast<std::uint64_t>(v->get<std::int64_t>())};
}

}  // namespace tc::hostd
