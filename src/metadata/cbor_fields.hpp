// tinycontainer — strict typed field access on integer-keyed CBOR maps, shared by the
// metadata and reconfiguration CBOR codecs.
//
// Contract: CborObject::read accepts only a map whose keys are unsigned integers listed in
// `spec`, each at most once; errors name the field by its JSON name and full path
// ("endpoints[2].direction: ...") so both codecs report the same paths. Getters return
// nullopt when the key is absent and a Phase::config Error on a wrong type, an invalid
// UTF-8 text string or an out-of-range value. Durations are unsigned integers in µs.
#pragma once

#include <cbor.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "metadata/digest.hpp"
#include "metadata/validate.hpp"

namespace tc::metadata {

struct FieldSpec {
  std::uint64_t key;
  std::string_view name;
};

class CborObject {
 public:
  [[nodiscard]] static Result<CborObject> read(const cbor_item_t* item, std::string path,
                                               std::span<const FieldSpec> spec);

  [[nodiscard]] const cbor_item_t* get(std::uint64_t key) const noexcept;
  [[nodiscard]] std::string path_of(std::uint64_t key) const;
  [[nodiscard]] const std::string& path() const noexcept { return path_; }

  [[nodiscard]] Result<std::optional<std::uint64_t>> get_uint(std::uint64_t key,
                                                              std::uint64_t max) const;
  [[nodiscard]] Result<std::optional<std::string>> get_text(std::uint64_t key) const;
  [[nodiscard]] Result<std::optional<Sha256>> get_sha256(std::uint64_t key) const;
  [[nodiscard]] Result<std::optional<std::chrono::microseconds>> get_duration(
      std::uint64_t key) const;
  [[nodiscard]] std::unexpected<Error> missing(std::uint64_t key) const;

 private:
  std::string path_;
  std::span<const FieldSpec> spec_;
  std::vector<std::pair<std::uint64_t, const cbor_item_t*>> fields_;
};

[[nodiscard]] std::unexpected<Error> cbor_wrong_type(const cbor_item_t* item, std::string_view path,
                                                     std::string_view expected);

// An enum by its integer encoding; `names` is "a|b|c" for the error.
template <class E>
Result<std::optional<E>> get_enum(const CborObject& o, std::uint64_t key,
                                  std::optional<E> (*from_int)(std::uint64_t) noexcept,
                                  std::string_view names) {
  auto v = o.get_uint(key, UINT64_MAX);
  if (!v) return std::unexpected(v.error());
  if (!*v) return std::optional<E>{};
  auto e = from_int(**v);
  if (!e)
    return field_error(o.path_of(key), "expected one of " + std::string(names) +
                                           " (encoded as integers), got " + std::to_string(**v));
  return std::optional<E>{*e};
}

}  // namespace tc::metadata
