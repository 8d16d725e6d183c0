// tinycontainer wasm — value types, function types and the runtime value cell.
//
// Contract: WebAssembly 2.0 core types (spec §2.3 "Types", binary §5.3). A Value is one
// 8-byte cell; which member is live is given by the static type known to the caller.
// References are pointers: funcref = `const Function*`, externref = an opaque host
// pointer; the null reference of either type is the all-zero cell.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace tc::wasm {

enum class ValType : std::uint8_t {
  i32 = 0x7F,
  i64 = 0x7E,
  f32 = 0x7D,
  f64 = 0x7C,
  v128 = 0x7B,  // recognised only to reject SIMD modules with a clear error
  funcref = 0x70,
  externref = 0x6F,
};

[[nodiscard]] constexpr bool is_ref(ValType t) noexcept {
  return t == ValType::funcref || t == ValType::externref;
}
[[nodiscard]] constexpr bool is_num(ValType t) noexcept {
  return t == ValType::i32 || t == ValType::i64 || t == ValType::f32 || t == ValType::f64;
}
[[nodiscard]] std::string_view to_string(ValType t) noexcept;

// A function type [params] -> [results] (§2.3.5).
struct FuncType {
  std::vector<ValType> params;
  std::vector<ValType> results;
  friend bool operator==(const FuncType&, const FuncType&) = default;
};

struct Function;  // store.hpp

// One 8-byte value cell. f32 occupies the low 32 bits (bit pattern preserved: NaN
// payloads survive), i32 the low 32 bits (upper bits unspecified).
struct Value {
  std::uint64_t bits = 0;

  static Value i32(std::uint32_t v) noexcept { return Value{v}; }
  static Value i64(std::uint64_t v) noexcept { return Value{v}; }
  static Value f32(float v) noexcept { return Value{std::bit_cast<std::uint32_t>(v)}; }
  static Value f64(double v) noexcept { return Value{std::bit_cast<std::uint64_t>(v)}; }
  static Value f32_bits(std::uint32_t v) noexcept { return Value{v}; }
  static Value f64_bits(std::uint64_t v) noexcept { return Value{v}; }
  static Value funcref(const Function* f) noexcept {
    return Value{reinterpret_cast<std::uintptr_t>(f)};
  }
  static Value externref(const void* p) noexcept {
    return Value{reinterpret_cast<std::uintptr_t>(p)};
  }
  static Value null_ref() noexcept { return Value{0}; }

  [[nodiscard]] std::uint32_t as_u32() const noexcept { return static_cast<std::uint32_t>(bits); }
  [[nodiscard]] std::int32_t as_i32() const noexcept { return static_cast<std::int32_t>(bits); }
  [[nodiscard]] std::uint64_t as_u64() const noexcept { return bits; }
  [[nodiscard]] std::int64_t as_i64() const noexcept { return static_cast<std::int64_t>(bits); }
  [[nodiscard]] float as_f32() const noexcept { return std::bit_cast<float>(as_u32()); }
  [[nodiscard]] double as_f64() const noexcept { return std::bit_cast<double>(bits); }
  [[nodiscard]] const Function* as_funcref() const noexcept {
    return reinterpret_cast<const Function*>(static_cast<std::uintptr_t>(bits));
  }
  [[nodiscard]] void* as_externref() const noexcept {
    return reinterpret_cast<void*>(static_cast<std::uintptr_t>(bits));
  }
  [[nodiscard]] bool is_null() const noexcept { return bits == 0; }
};
static_assert(sizeof(Value) == 8);

// Import/export kinds (§5.5.5).
enum class ExternKind : std::uint8_t { func = 0, table = 1, memory = 2, global = 3 };
[[nodiscard]] std::string_view to_string(ExternKind k) noexcept;

// Limits {min, max?} (§2.3.7), in pages for memories and elements for tables.
struct LimitsRange {
  std::uint32_t min = 0;
  std::uint32_t max = 0;
  bool has_max = false;
};

struct TableType {
  ValType elem = ValType::funcref;
  LimitsRange limits;
};
struct MemoryType {
  LimitsRange limits;
};
struct GlobalType {
  ValType type = ValType::i32;
  bool mut = false;
};

inline constexpr std::uint32_t kPageSize = 65536;

}  // namespace tc::wasm
