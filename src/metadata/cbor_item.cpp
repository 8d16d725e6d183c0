#include "metadata/cbor_item.hpp"

#include <algorithm>
#include <cstdlib>
#include <new>

#include "metadata/text_rules.hpp"

namespace tc::metadata {
namespace {

CborItem checked(cbor_item_t* item) {
  if (item == nullptr) throw std::bad_alloc();
  return CborItem(item);
}

// State of the well-formedness walk. The callbacks only record; the loop decides.
struct Walk {
  std::vector<std::uint64_t> open;  // items still expected by each open array/map
  std::size_t max_depth = 0;
  std::uint64_t pending_children = 0;  // declared by the last array/map header
  bool container_started = false;
  bool top_done = false;
  std::size_t pending_tags = 0;
  const char* error = nullptr;

  void item_done() {
    pending_tags = 0;
    while (!open.empty()) {
      if (--open.back() != 0) return;
      open.pop_back();
    }
    top_done = true;
  }
  void container(std::uint64_t children) {
    pending_tags = 0;
    if (children == 0) {
      item_done();
      return;
    }
    container_started = true;
    pending_children = children;
  }
};

Walk& walk(void* ctx) {
  return *static_cast<Walk*>(ctx);
}
void scalar(void* ctx) {
  walk(ctx).item_done();
}
void reject(void* ctx, const char* why) {
  if (walk(ctx).error == nullptr) walk(ctx).error = why;
}

cbor_callbacks make_callbacks() {
  cbor_callbacks cb = cbor_empty_callbacks;
  cb.uint8 = [](void* c, std::uint8_t) { scalar(c); };
  cb.uint16 = [](void* c, std::uint16_t) { scalar(c); };
  cb.uint32 = [](void* c, std::uint32_t) { scalar(c); };
  cb.uint64 = [](void* c, std::uint64_t) { scalar(c); };
  cb.negint8 = [](void* c, std::uint8_t) { scalar(c); };
  cb.negint16 = [](void* c, std::uint16_t) { scalar(c); };
  cb.negint32 = [](void* c, std::uint32_t) { scalar(c); };
  cb.negint64 = [](void* c, std::uint64_t) { scalar(c); };
  cb.string = [](void* c, cbor_data data, std::size_t n) {
    if (!is_valid_utf8({reinterpret_cast<const char*>(data), n}))
      return reject(c, "text string is not valid UTF-8");
    scalar(c);
  };
  cb.byte_string = [](void* c, cbor_data, std::size_t) { scalar(c); };
  cb.array_start = [](void* c, std::size_t n) { walk(c).container(n); };
  cb.map_start = [](void* c, std::size_t n) {
    if (n > SIZE_MAX / 2) return reject(c, "map length overflows");
    walk(c).container(std::uint64_t{n} * 2);
  };
  cb.tag = [](void* c, std::uint64_t) {
    if (++walk(c).pending_tags > 2) reject(c, "more than two nested tags");
  };
  cb.string_start = [](void* c) { reject(c, "indefinite-length text string"); };
  cb.byte_string_start = [](void* c) { reject(c, "indefinite-length byte string"); };
  cb.indef_array_start = [](void* c) { reject(c, "indefinite-length array"); };
  cb.indef_map_start = [](void* c) { reject(c, "indefinite-length map"); };
  cb.indef_break = [](void* c) { reject(c, "unexpected break code"); };
  cb.float2 = [](void* c, float) { reject(c, "floating-point value"); };
  cb.float4 = [](void* c, float) { reject(c, "floating-point value"); };
  cb.float8 = [](void* c, double) { reject(c, "floating-point value"); };
  cb.undefined = [](void* c) { reject(c, "simple value 'undefined'"); };
  cb.null = [](void* c) { reject(c, "simple value 'null'"); };
  cb.boolean = [](void* c, bool) { reject(c, "boolean value"); };
  return cb;
}

std::unexpected<Error> cbor_error(std::size_t offset, std::string_view what) {
  return make_error(Phase::config,
                    "CBOR at byte " + std::to_string(offset) + ": " + std::string(what));
}

}  // namespace

Result<void> check_well_formed(std::span<const std::uint8_t> bytes, std::size_t max_depth) {
  if (bytes.empty()) return make_error(Phase::config, "CBOR: empty input");
  if (bytes.size() > kMaxCborBytes)
    return make_error(Phase::config, "CBOR: " + std::to_string(bytes.size()) +
                                         " bytes exceed the limit of " +
                                         std::to_string(kMaxCborBytes));
  const cbor_callbacks callbacks = make_callbacks();
  Walk w;
  w.max_depth = max_depth;
  std::size_t offset = 0;
  while (!w.top_done) {
    if (offset >= bytes.size()) return cbor_error(offset, "truncated input");
    w.container_started = false;
    const auto r = cbor_stream_decode(bytes.data() + offset, bytes.size() - offset, &callbacks, &w);
    if (r.status == CBOR_DECODER_NEDATA) return cbor_error(offset, "truncated input");
    if (r.status != CBOR_DECODER_FINISHED) return cbor_error(offset, "malformed item");
    if (w.error != nullptr) return cbor_error(offset, w.error);
    offset += r.read;
    if (w.container_started) {
      if (w.pending_children > bytes.size() - offset)
        return cbor_error(offset - r.read, "declared length exceeds the remaining input");
      if (w.open.size() >= w.max_depth) return cbor_error(offset - r.read, "nesting too deep");
      w.open.push_back(w.pending_children);
    }
  }
  if (offset != bytes.size()) return cbor_error(offset, "trailing bytes after the top-level item");
  return {};
}

Result<CborItem> parse_cbor(std::span<const std::uint8_t> bytes, std::size_t max_depth) {
  if (auto r = check_well_formed(bytes, max_depth); !r) return std::unexpected(r.error());
  cbor_load_result result{};
  CborItem item(cbor_load(bytes.data(), bytes.size(), &result));
  if (!item || result.error.code != CBOR_ERR_NONE) {
    if (result.error.code == CBOR_ERR_MEMERROR) throw std::bad_alloc();
    return cbor_error(result.error.position, "libcbor could not load the item");
  }
  return item;
}

Bytes serialize(const cbor_item_t* item) {
  unsigned char* buffer = nullptr;
  std::size_t capacity = 0;
  const std::size_t length = cbor_serialize_alloc(item, &buffer, &capacity);
  if (length == 0) {
    std::free(buffer);
    throw std::bad_alloc();
  }
  Bytes out(buffer, buffer + length);
  std::free(buffer);
  return out;
}

CborItem cbor_uint(std::uint64_t v) {
  if (v <= UINT8_MAX) return checked(cbor_build_uint8(static_cast<std::uint8_t>(v)));
  if (v <= UINT16_MAX) return checked(cbor_build_uint16(static_cast<std::uint16_t>(v)));
  if (v <= UINT32_MAX) return checked(cbor_build_uint32(static_cast<std::uint32_t>(v)));
  return checked(cbor_build_uint64(v));
}

CborItem cbor_negative(std::uint64_t v) {
  if (v <= UINT8_MAX) return checked(cbor_build_negint8(static_cast<std::uint8_t>(v)));
  if (v <= UINT16_MAX) return checked(cbor_build_negint16(static_cast<std::uint16_t>(v)));
  if (v <= UINT32_MAX) return checked(cbor_build_negint32(static_cast<std::uint32_t>(v)));
  return checked(cbor_build_negint64(v));
}

CborItem cbor_text(std::string_view s) {
  return checked(cbor_build_stringn(s.data(), s.size()));
}

CborItem cbor_bytes(std::span<const std::uint8_t> b) {
  return checked(cbor_build_bytestring(b.data(), b.size()));
}

CborItem cbor_array(std::vector<CborItem> items) {
  CborItem array = checked(cbor_new_definite_array(items.size()));
  for (auto& it : items)
    if (!cbor_array_push(array.get(), it.get())) throw std::bad_alloc();
  return array;
}

CborItem cbor_tagged(std::uint64_t tag, CborItem item) {
  return checked(cbor_build_tag(tag, item.get()));
}

MapBuilder& MapBuilder::add(std::uint64_t key, CborItem value) {
  entries_.emplace_back(key, std::move(value));
  return *this;
}

CborItem MapBuilder::build() {
  std::sort(entries_.begin(), entries_.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  CborItem map = checked(cbor_new_definite_map(entries_.size()));
  for (auto& [key, value] : entries_) {
    CborItem k = cbor_uint(key);
    if (!cbor_map_add(map.get(), cbor_pair{k.get(), value.get()})) throw std::bad_alloc();
  }
  entries_.clear();
  return map;
}

bool is_uint(const cbor_item_t* item) noexcept {
  return cbor_isa_uint(item);
}

std::uint64_t uint_value(const cbor_item_t* item) noexcept {
  return cbor_get_int(item);
}

std::string_view text_value(const cbor_item_t* item) noexcept {
  return {reinterpret_cast<const char*>(cbor_string_handle(item)), cbor_string_length(item)};
}

std::span<const std::uint8_t> bytes_value(const cbor_item_t* item) noexcept {
  return {cbor_bytestring_handle(item), cbor_bytestring_length(item)};
}

std::string_view cbor_type_name(const cbor_item_t* item) noexcept {
  switch (cbor_typeof(item)) {
    case CBOR_TYPE_UINT:
      return "unsigned integer";
    case CBOR_TYPE_NEGINT:
      return "negative integer";
    case CBOR_TYPE_BYTESTRING:
      return "byte string";
    case CBOR_TYPE_STRING:
      return "text string";
    case CBOR_TYPE_ARRAY:
      return "array";
    case CBOR_TYPE_MAP:
      return "map";
    case CBOR_TYPE_TAG:
      return "tag";
    case CBOR_TYPE_FLOAT_CTRL:
      return "float or simple value";
  }
  return "unknown";
}

}  // namespace tc::metadata
