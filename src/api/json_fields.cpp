#include "api/json_fields.hpp"

#include <cmath>
#include <fmt/format.h>

#include "common/units.hpp"

namespace tc::api {

Result<json> parse_body(std::string_view body) {
  try {
    return json::parse(body);
  } catch (const json::parse_error& e) {
    return make_error(Phase::usage, fmt::format("body: invalid JSON at byte {}: {}", e.byte,
                                                e.what()));
  } catch (const json::exception& e) {
    return make_error(Phase::usage, fmt::format("body: invalid JSON: {}", e.what()));
  }
}

std::string field_path(std::string_view parent, std::string_view key) {
  return parent.empty() ? std::string(key) : fmt::format("{}.{}", parent, key);
}

std::string index_path(std::string_view parent, std::size_t index) {
  return fmt::format("{}[{}]", parent, index);
}

std::unexpected<Error> field_error(std::string_view path, std::string_view what) {
  return make_error(Phase::usage, fmt::format("{}: {}", path, what));
}

std::string_view type_name(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "boolean";
    case json::value_t::string: return "string";
    case json::value_t::array: return "array";
    case json::value_t::object: return "object";
    case json::value_t::binary: return "binary";
    case json::value_t::discarded: return "discarded";
    default: return "number";
  }
}

namespace {
std::unexpected<Error> type_error(std::string_view path, std::string_view expected,
                                  const json& got) {
  return field_error(path, fmt::format("expected {}, got {}", expected, type_name(got)));
}
const json* find(const json& obj, std::string_view key) {
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}
}  // namespace

Result<void> require_object(const json& v, std::string_view path) {
  if (!v.is_object()) return type_error(path.empty() ? "body" : path, "an object", v);
  return {};
}

Result<void> require_object(const json& v, std::string_view path,
                            const std::vector<std::string_view>& allowed) {
  if (auto r = require_object(v, path); !r) return r;
  for (const auto& [key, value] : v.items()) {
    bool known = false;
    for (auto a : allowed) known = known || a == key;
    if (!known) return field_error(field_path(path, key), "unknown field");
  }
  return {};
}

Result<std::optional<std::string>> opt_string(const json& obj, std::string_view key,
                                              std::string_view parent) {
  const json* v = find(obj, key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_string()) return type_error(field_path(parent, key), "a string", *v);
  return v->get<std::string>();
}

Result<std::string> req_string(const json& obj, std::string_view key, std::string_view parent) {
  auto s = opt_string(obj, key, parent);
  if (!s) return std::unexpected(s.error());
  if (!*s) return field_error(field_path(parent, key), "required field is missing");
  return std::move(**s);
}

Result<std::optional<bool>> opt_bool(const json& obj, std::string_view key,
                                     std::string_view parent) {
  const json* v = find(obj, key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_boolean()) return type_error(field_path(parent, key), "a boolean", *v);
  return v->get<bool>();
}

Result<std::optional<double>> opt_number(const json& obj, std::string_view key,
                                         std::string_view parent) {
  const json* v = find(obj, key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (!v->is_number()) return type_error(field_path(parent, key), "a number", *v);
  double d = v->get<double>();
  if (!std::isfinite(d) || d < 0)
    return field_error(field_path(parent, key), "must be a finite number >= 0");
  return d;
}

Result<std::optional<double>> opt_seconds(const json& obj, std::string_view key,
                                          std::string_view parent) {
  const json* v = find(obj, key);
  if (v != nullptr && v->is_string()) {
    auto d = parse_duration(v->get_ref<const std::string&>());
    if (!d) return field_error(field_path(parent, key), d.error().message);
    return std::chrono::duration<double>(*d).count();
  }
  if (v != nullptr && !v->is_null() && !v->is_number())
    return type_error(field_path(parent, key), "seconds (a number or a string like \"2s\")", *v);
  return opt_number(obj, key, parent);
}

Result<std::optional<std::uint64_t>> opt_uint(const json& obj, std::string_view key,
                                              std::string_view parent, bool sizes) {
  const json* v = find(obj, key);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (sizes && v->is_string()) {
    auto n = parse_size(v->get_ref<const std::string&>());
    if (!n) return field_error(field_path(parent, key), n.error().message);
    return *n;
  }
  if (v->is_number_unsigned()) return v->get<std::uint64_t>();
  if (v->is_number_integer()) return field_error(field_path(parent, key), "must be >= 0");
  return type_error(field_path(parent, key),
                    sizes ? "a non-negative integer or a size string like \"64MiB\""
                          : "a non-negative integer",
                    *v);
}

Result<std::vector<std::string>> opt_string_array(const json& obj, std::string_view key,
                                                  std::string_view parent,
                                                  std::size_t max_items) {
  std::vector<std::string> out;
  const json* v = find(obj, key);
  if (v == nullptr || v->is_null()) return out;
  std::string path = field_path(parent, key);
  if (!v->is_array()) return type_error(path, "an array of strings", *v);
  if (v->size() > max_items)
    return field_error(path, fmt::format("at most {} items allowed, got {}", max_items, v->size()));
  for (std::size_t i = 0; i < v->size(); ++i) {
    const json& item = (*v)[i];
    if (!item.is_string()) return type_error(index_path(path, i), "a string", item);
    out.push_back(item.get<std::string>());
  }
  return out;
}

}  // namespace tc::api
