#include "metadata/cbor_fields.hpp"

#include "metadata/cbor_item.hpp"
#include "metadata/text_rules.hpp"
#include "metadata/validate.hpp"

namespace tc::metadata {

std::unexpected<Error> cbor_wrong_type(const cbor_item_t* item, std::string_view path,
                                       std::string_view expected) {
  return field_error(
      path.empty() ? std::string_view("document") : path,
      "expected " + std::string(expected) + ", got " + std::string(cbor_type_name(item)));
}

Result<CborObject> CborObject::read(const cbor_item_t* item, std::string path,
                                    std::span<const FieldSpec> spec) {
  if (!cbor_isa_map(item)) return cbor_wrong_type(item, path, "a map");
  CborObject obj;
  obj.path_ = std::move(path);
  obj.spec_ = spec;
  const cbor_pair* pairs = cbor_map_handle(item);
  const std::size_t n = cbor_map_size(item);
  for (std::size_t i = 0; i < n; ++i) {
    const cbor_item_t* key = pairs[i].key;
    if (!is_uint(key))
      return cbor_wrong_type(key, (obj.path_.empty() ? "document" : obj.path_) + " key",
                             "an unsigned integer key");
    const std::uint64_t k = uint_value(key);
    bool known = false;
    for (const auto& f : spec) known = known || f.key == k;
    if (!known)
      return field_error(obj.path_.empty() ? "document" : obj.path_,
                         "unknown field key " + std::to_string(k));
    if (obj.get(k) != nullptr) return field_error(obj.path_of(k), "duplicate map key");
    obj.fields_.emplace_back(k, pairs[i].value);
  }
  return obj;
}

const cbor_item_t* CborObject::get(std::uint64_t key) const noexcept {
  for (const auto& [k, v] : fields_)
    if (k == key) return v;
  return nullptr;
}

std::string CborObject::path_of(std::uint64_t key) const {
  std::string name = "#" + std::to_string(key);
  for (const auto& f : spec_)
    if (f.key == key) name = std::string(f.name);
  return path_.empty() ? name : path_ + "." + name;
}

std::unexpected<Error> CborObject::missing(std::uint64_t key) const {
  return field_error(path_of(key), "missing required field");
}

Result<std::optional<std::uint64_t>> CborObject::get_uint(std::uint64_t key,
                                                          std::uint64_t max) const {
  const cbor_item_t* v = get(key);
  if (v == nullptr) return std::optional<std::uint64_t>{};
  if (!is_uint(v)) return cbor_wrong_type(v, path_of(key), "an unsigned integer");
  const std::uint64_t x = uint_value(v);
  if (x > max)
    return field_error(path_of(key),
                       std::to_string(x) + " is out of range [0, " + std::to_string(max) + "]");
  return std::optional<std::uint64_t>{x};
}

Result<std::optional<std::string>> CborObject::get_text(std::uint64_t key) const {
  const cbor_item_t* v = get(key);
  if (v == nullptr) return std::optional<std::string>{};
  if (!cbor_isa_string(v)) return cbor_wrong_type(v, path_of(key), "a text string");
  const std::string_view s = text_value(v);
  if (!is_valid_utf8(s)) return field_error(path_of(key), "text string is not valid UTF-8");
  return std::optional<std::string>{std::string(s)};
}

Result<std::optional<Sha256>> CborObject::get_sha256(std::uint64_t key) const {
  const cbor_item_t* v = get(key);
  if (v == nullptr) return std::optional<Sha256>{};
  if (!cbor_isa_bytestring(v)) return cbor_wrong_type(v, path_of(key), "a byte string");
  const auto b = bytes_value(v);
  if (b.size() != 32)
    return field_error(path_of(key), "malformed digest: expected 32 bytes (SHA-256), got " +
                                         std::to_string(b.size()));
  Sha256 d{};
  std::copy(b.begin(), b.end(), d.begin());
  return std::optional<Sha256>{d};
}

Result<std::optional<std::chrono::microseconds>> CborObject::get_duration(std::uint64_t key) const {
  auto v = get_uint(key, static_cast<std::uint64_t>(INT64_MAX / 1000));
  if (!v) return std::unexpected(v.error());
  if (!*v) return std::optional<std::chrono::microseconds>{};
  return std::optional<std::chrono::microseconds>{
      std::chrono::microseconds(static_cast<std::int64_t>(**v))};
}

}  // namespace tc::metadata
