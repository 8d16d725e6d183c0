// tinycontainer ml — element types and static shapes of the tensors a plan computes on.
//
// Contract: shapes are fully static (every dimension known and > 0, rank <= kMaxRank);
// element counts are computed with overflow checks by the importer before they are used.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace tc::ml {

enum class DType : std::uint8_t { f32, u8, i8, i32, i64 };

[[nodiscard]] constexpr std::size_t dtype_size(DType t) noexcept {
  switch (t) {
    case DType::f32: return 4;
    case DType::u8: return 1;
    case DType::i8: return 1;
    case DType::i32: return 4;
    case DType::i64: return 8;
  }
  return 1;
}

[[nodiscard]] constexpr std::string_view dtype_name(DType t) noexcept {
  switch (t) {
    case DType::f32: return "float32";
    case DType::u8: return "uint8";
    case DType::i8: return "int8";
    case DType::i32: return "int32";
    case DType::i64: return "int64";
  }
  return "?";
}

inline constexpr std::size_t kMaxRank = 4;

struct Shape {
  std::array<std::int64_t, kMaxRank> dim{};
  std::size_t rank = 0;

  [[nodiscard]] std::int64_t elements() const noexcept {  // 1 for a scalar (rank 0)
    std::int64_t n = 1;
    for (std::size_t i = 0; i < rank; ++i) n *= dim[i];
    return n;
  }
  [[nodiscard]] std::int64_t operator[](std::size_t i) const noexcept { return dim[i]; }
  friend bool operator==(const Shape& a, const Shape& b) noexcept {
    if (a.rank != b.rank) return false;
    for (std::size_t i = 0; i < a.rank; ++i)
      if (a.dim[i] != b.dim[i]) return false;
    return true;
  }
};

[[nodiscard]] inline Shape make_shape(std::initializer_list<std::int64_t> dims) noexcept {
  Shape s;
  for (const auto d : dims)
    if (s.rank < kMaxRank) s.dim[s.rank++] = d;
  return s;
}

}  // namespace tc::ml
