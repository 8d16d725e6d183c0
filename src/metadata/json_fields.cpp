#include "metadata/json_fields.hpp"

#include <set>
#include <vector>

#include "common/units.hpp"
#include "metadata/text_rules.hpp"
#include "metadata/validate.hpp"

namespace tc::metadata::json_fields {
namespace {

std::string type_of(const json& v) {
  if (v.is_number_float()) return "a fractional number";
  if (v.is_number_integer() && !v.is_number_unsigned()) return "a negative number";
  return std::string(v.type_name());
}

std::string joined(std::initializer_list<std::string_view> names) {
  std::string out;
  for (auto n : names) {
    if (!out.empty()) out += '|';
    out += n;
  }
  return out;
}

}  // namespace

std::string child(std::string_view path, std::string_view key) {
  std::string out(path);
  if (!out.empty()) out += '.';
  out += key;
  return out;
}

std::string index(std::string_view path, std::size_t i) {
  return std::string(path) + "[" + std::to_string(i) + "]";
}

std::unexpected<Error> missing(std::string_view path, std::string_view key) {
  return field_error(child(path, key), "missing required field");
}

std::unexpected<Error> wrong_type(const json& v, std::string_view path, std::string_view expected) {
  return field_error(path.empty() ? std::string_view("document") : path,
                     "expected " + std::string(expected) + ", got " + type_of(v));
}

Result<json> parse_document(std::string_view text, std::size_t max_bytes) {
  if (text.size() > max_bytes)
    return make_error(Phase::config, "document is " + std::to_string(text.size()) +
                                         " bytes, over the limit of " + std::to_string(max_bytes));
  struct TooDeep {};
  std::vector<std::set<std::string>> keys;  // one key set per open object
  std::string duplicate;
  json::parser_callback_t cb = [&](int depth, json::parse_event_t ev, json& parsed) {
    if (depth > static_cast<int>(kMaxJsonDepth)) throw TooDeep{};
    if (ev == json::parse_event_t::object_start) keys.emplace_back();
    if (ev == json::parse_event_t::object_end && !keys.empty()) keys.pop_back();
    if (ev == json::parse_event_t::key && !keys.empty() && duplicate.empty() &&
        !keys.back().insert(parsed.get<std::string>()).second)
      duplicate = parsed.get<std::string>();
    return true;
  };
  try {
    json doc = json::parse(text.begin(), text.end(), cb, true, false);
    if (!duplicate.empty())
      return make_error(Phase::config, "duplicate key " + quote_untrusted(duplicate));
    return doc;
  } catch (const TooDeep&) {
    return make_error(Phase::config,
                      "JSON nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  } catch (const json::exception& e) {
    return make_error(Phase::config, std::string("JSON syntax: ") + e.what());
  }
}

Result<void> require_object(const json& v, std::string_view path) {
  if (!v.is_object()) return wrong_type(v, path, "an object");
  return {};
}

Result<void> check_known(const json& obj, std::string_view path,
                         std::initializer_list<std::string_view> known) {
  for (const auto& [key, value] : obj.items()) {
    bool found = false;
    for (auto k : known) found = found || k == key;
    if (!found)
      return field_error(child(path, is_service_name(key) ? key : quote_untrusted(key)),
                         "unknown field (expected one of " + joined(known) + ")");
  }
  return {};
}

Result<std::optional<std::string>> get_string(const json& obj, std::string_view key,
                                              std::string_view path) {
  auto it = obj.find(key);
  if (it == obj.end()) return std::optional<std::string>{};
  if (!it->is_string()) return wrong_type(*it, child(path, key), "a string");
  return std::optional<std::string>{it->get<std::string>()};
}

Result<std::optional<std::uint64_t>> get_uint(const json& obj, std::string_view key,
                                              std::string_view path, std::uint64_t max) {
  auto it = obj.find(key);
  if (it == obj.end()) return std::optional<std::uint64_t>{};
  if (!it->is_number_unsigned()) return wrong_type(*it, child(path, key), "an unsigned integer");
  const auto v = it->get<std::uint64_t>();
  if (v > max)
    return field_error(child(path, key),
                       std::to_string(v) + " is out of range [0, " + std::to_string(max) + "]");
  return std::optional<std::uint64_t>{v};
}

Result<std::optional<std::chrono::microseconds>> get_duration(const json& obj, std::string_view key,
                                                              std::string_view path) {
  using R = std::optional<std::chrono::microseconds>;
  auto it = obj.find(key);
  if (it == obj.end()) return R{};
  const std::string p = child(path, key);
  if (it->is_number_unsigned()) {
    const auto v = it->get<std::uint64_t>();
    if (v > static_cast<std::uint64_t>(INT64_MAX / 1000))
      return field_error(p, std::to_string(v) + " µs is too large");
    return R{std::chrono::microseconds(static_cast<std::int64_t>(v))};
  }
  if (!it->is_string())
    return wrong_type(*it, p, "a duration (string such as \"10ms\" or integer microseconds)");
  const auto text = it->get<std::string>();
  auto ns = tc::parse_duration(text);
  if (!ns) return field_error(p, ns.error().message);
  if (ns->count() % 1000 != 0)
    return field_error(p, quote_untrusted(text) + " is not a whole number of microseconds");
  return R{std::chrono::duration_cast<std::chrono::microseconds>(*ns)};
}

Result<std::optional<std::uint64_t>> get_size(const json& obj, std::string_view key,
                                              std::string_view path) {
  auto it = obj.find(key);
  if (it == obj.end()) return std::optional<std::uint64_t>{};
  const std::string p = child(path, key);
  if (it->is_number_unsigned()) return std::optional<std::uint64_t>{it->get<std::uint64_t>()};
  if (!it->is_string())
    return wrong_type(*it, p, "a size (string such as \"64KiB\" or integer bytes)");
  auto bytes = tc::parse_size(it->get<std::string>());
  if (!bytes) return field_error(p, bytes.error().message);
  return std::optional<std::uint64_t>{*bytes};
}

Result<std::optional<Sha256>> get_sha256(const json& obj, std::string_view key,
                                         std::string_view path) {
  auto s = get_string(obj, key, path);
  if (!s) return std::unexpected(s.error());
  if (!*s) return std::optional<Sha256>{};
  auto d = parse_sha256_hex(**s);
  if (!d) return field_error(child(path, key), "malformed digest: " + d.error().message);
  return std::optional<Sha256>{*d};
}

std::string format_duration(std::chrono::microseconds d) {
  const auto v = d.count();
  if (v != 0 && v % 1'000'000 == 0) return std::to_string(v / 1'000'000) + "s";
  if (v != 0 && v % 1'000 == 0) return std::to_string(v / 1'000) + "ms";
  return std::to_string(v) + "us";
}

}  // namespace tc::metadata::json_fields
